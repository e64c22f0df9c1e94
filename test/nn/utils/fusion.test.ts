// nn.utils.fusion against Python PyTorch 1.13 (test/fixtures/gen_nn_utils.py): conv + batch norm and
// linear + batch norm folded into one layer, weights and outputs.
import { describe, it, expect } from 'vitest';
import * as torch from '../../../lib';
import { U, dec, expectClose } from './nn_utils_fixture';

const { nn } = torch;
const F = U.fusion;

function load<T extends torch.nn.Module>(m: T, sd: Record<string, never>): T {
  const own = new Map(m.stateDict({ keepVars: true }));
  torch.noGrad(() => {
    for (const [k, e] of Object.entries(sd)) own.get(k)!.copy_(dec(e));
  });
  return m.eval();
}

describe('nn.utils.fusion matches PyTorch 1.13', () => {
  it('fuseConvBnEval, also transposed', () => {
    const conv = load(new nn.Conv2d(2, 3, 2), F.conv);
    const bn = load(new nn.BatchNorm2d(3), F.bn);
    const x = dec(F.x_conv);
    const fused = nn.utils.fuseConvBnEval(conv, bn);
    expect(fused).toBeInstanceOf(nn.Conv2d);
    expect(fused).not.toBe(conv);
    expect(fused.weight).toBeInstanceOf(nn.Parameter);
    expectClose(fused.weight, F.conv_fused.weight, 'weight');
    expectClose(fused.bias, F.conv_fused.bias, 'bias');
    expectClose(fused.forward(x), F.conv_fused.output, 'output');
    expectClose(bn.forward(conv.forward(x)), F.conv_fused.reference, 'conv then bn', 1e-4);
    expectClose(conv.weight, F.conv.weight, 'the original conv is unchanged');
    expect(String(fused)).toBe(String(conv));

    const convt = load(new nn.ConvTranspose2d(2, 3, 2, { bias: false }), F.convt);
    const ft = nn.utils.fuseConvBnEval(convt, bn, { transpose: true });
    expectClose(ft.weight, F.convt_fused.weight, 'transposed weight');
    expectClose(ft.bias, F.convt_fused.bias, 'transposed bias');
    expectClose(ft.forward(x), F.convt_fused.output, 'transposed output');
    expect(convt.bias).toBeNull();
  });

  it('fuseLinearBnEval and the weights functions', () => {
    const lin = load(new nn.Linear(4, 3), F.linear);
    const bn = load(new nn.BatchNorm1d(3), F.bn1);
    const fused = nn.utils.fuseLinearBnEval(lin, bn);
    expectClose(fused.weight, F.linear_fused.weight, 'weight');
    expectClose(fused.bias, F.linear_fused.bias, 'bias');
    expectClose(fused.forward(dec(F.x_lin)), F.linear_fused.output, 'output');
    const [w, b] = nn.utils.fuseLinearBnWeights(lin.weight, lin.bias, bn.running_mean!, bn.running_var!, bn.eps, bn.weight!, bn.bias!);
    expectClose(w, F.linear_fused.weight, 'fuseLinearBnWeights weight');
    expectClose(b, F.linear_fused.bias, 'fuseLinearBnWeights bias');
  });

  it('only in eval mode; checks its arguments', () => {
    const lin = new nn.Linear(4, 3);
    const bn = new nn.BatchNorm1d(3);
    expect(() => nn.utils.fuseLinearBnEval(lin, bn.eval())).toThrow('Fusion only for eval!');
    expect(() => nn.utils.fuseConvBnEval(lin.eval(), 3 as never)).toThrow(/bn must be an nn.Module/);
    expect(() => nn.utils.fuseConvBnWeights(torch.zeros(3, 2, 1), null, 'x' as never, torch.ones(3), 1e-5, null, null)).toThrow(/bn_rm must be a Tensor/);
  });
});
