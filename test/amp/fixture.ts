// The fixture gen_amp.py writes ($TORCH_NODE_FIXTURES/amp.json) and the small model whose parameters it
// holds, shared by test/amp/autocast_mode.test.ts and test/cuda/amp/grad_scaler.test.ts. It is made on
// the machine that runs the tests, as the other large fixtures: libtorch's float32 and bfloat16
// convolutions round differently on CPUs with other vector units (AVX-512 BF16 against AVX2), so a
// committed copy matched only the CPU that wrote it. Without Python torch the tests that need it skip.
import * as fs from 'node:fs';
import * as torch from '../../lib';
import { largeFixture } from '../helpers/fixtures';

const { nn } = torch;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const file = largeFixture('amp.json');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const fx: any = file === null ? null : JSON.parse(fs.readFileSync(file, 'utf8'));
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
