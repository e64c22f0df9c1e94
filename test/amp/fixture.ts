// The fixture gen_amp.py writes (test/fixtures/amp/amp.json) and the small model whose parameters it
// holds, shared by test/amp/autocast_mode.test.ts and test/cuda/amp/grad_scaler.test.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../../lib';

const { nn } = torch;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const fx: any = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/amp/amp.json'), 'utf8'));
export interface Fx { dtype: string; shape: number[]; values: number[] }
export const load = (f: Fx): torch.Tensor => torch.tensor(f.values).reshape(f.shape);

/** gen_amp.py's Net (a conv and two linears), with its parameters from the fixture. */
export function ampNet(): nn.Module & { conv: nn.Conv2d; fc1: nn.Linear; fc2: nn.Linear } {
  class Net extends nn.Module {
    conv = new nn.Conv2d(3, 4, 3);
    fc1 = new nn.Linear(6, 8);
    fc2 = new nn.Linear(8, 3);
  }
  const net = new Net();
  net.loadStateDict(Object.fromEntries(Object.entries(fx.params as Record<string, Fx>).map(([k, f]) => [k, load(f)])));
  return net;
}
