// nn.utils.convert_parameters against Python PyTorch 1.13 (test/fixtures/gen_nn_utils.py).
import { describe, it, expect } from 'vitest';
import * as torch from '../../../lib';
import { U, dec, expectClose, linear43 } from './nn_utils_fixture';

const { nn } = torch;

describe('nn.utils.convert_parameters matches PyTorch 1.13', () => {
  it('parametersToVector and vectorToParameters', () => {
    const m = linear43();
    expectClose(nn.utils.parametersToVector(m.parameters()), U.parameters_to_vector, 'parameters_to_vector');
    const vec = dec(U.vector);
    const weight = m.weight;
    nn.utils.vectorToParameters(vec, m.parameters());
    expectClose(m.weight, U.vector_to_parameters.weight, 'weight');
    expectClose(m.bias, U.vector_to_parameters.bias, 'bias');
    // param.data = ...: the same Parameter object, now a view of vec
    expect(m.weight).toBe(weight);
    expect(m.weight.requiresGrad).toBe(true);
    vec.zero_();
    expect(m.weight.abs().sum().item()).toBe(0);
  });

  it('checks its arguments', () => {
    expect(() => nn.utils.vectorToParameters([1, 2] as never, [])).toThrow(/expected torch.Tensor, but got/);
    expect(() => nn.utils.parametersToVector(null as never)).toThrow(/parameters must be a Tensor or an iterable/);
  });
});
