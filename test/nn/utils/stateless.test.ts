// nn.utils.stateless.functionalCall against Python PyTorch 1.13 (test/fixtures/gen_nn_utils.py): a
// Sequential run with a replaced weight and a replaced running mean (which batch norm updates in
// place), the module's own tensors untouched and back in place afterwards.
import { describe, it, expect } from 'vitest';
import * as torch from '../../../lib';
import { U, dec, expectClose } from './nn_utils_fixture';

const { nn } = torch;
const C = U.functional_call;

function model(): torch.nn.Sequential {
  const seq = new nn.Sequential(new nn.Linear(4, 3), new nn.BatchNorm1d(3), new nn.Linear(3, 2));
  const own = new Map(seq.stateDict({ keepVars: true }));
  torch.noGrad(() => {
    for (const [k, e] of Object.entries(C.state)) own.get(k)!.copy_(dec(e as never));
  });
  return seq;
}

describe('nn.utils.stateless matches PyTorch 1.13', () => {
  it('functionalCall replaces parameters and buffers for one call', () => {
    const seq = model();
    const w = (seq as unknown as Record<number, any>)[0].weight;
    const rm = torch.zeros(3);
    const x = dec(C.x);
    const y = nn.utils.stateless.functionalCall(seq, { '0.weight': dec(C.w0), '1.running_mean': rm }, [x]) as torch.Tensor;
    expectClose(y, C.output, 'output');
    expectClose(rm, C.running_mean_after, 'the given running mean, updated in place');
    expectClose((seq as unknown as Record<number, any>)[1].running_mean, C.own_running_mean_after, "the module's own running mean");
    expect((seq as unknown as Record<number, any>)[0].weight).toBe(w);
    expect([...seq.namedParameters()].map(([k]) => k)).toEqual(['0.weight', '0.bias', '1.weight', '1.bias', '2.weight', '2.bias']);
    expectClose((seq.eval().forward(x)) as torch.Tensor, C.plain_output, 'plain call afterwards');
    // a Map and a single argument; restored after a throwing call
    expect(() => nn.utils.stateless.functionalCall(seq, new Map([['0.weight', torch.zeros(2, 2)]]), x)).toThrow();
    expect((seq as unknown as Record<number, any>)[0].weight).toBe(w);
    expect(w).toBeInstanceOf(nn.Parameter);
  });

  it('checks its arguments', () => {
    const seq = model();
    expect(() => nn.utils.stateless.functionalCall(seq, { '0.weight': 3 } as never, [])).toThrow(/parameters_and_buffers\['0.weight'\] must be a Tensor/);
    expect(() => nn.utils.stateless.functionalCall(seq, { 'x.weight': torch.zeros(1) }, [])).toThrow(/has no submodule 'x'/);
    expect(() => nn.utils.stateless.functionalCall(3 as never, {}, [])).toThrow(/module must be an nn.Module/);
  });
});
