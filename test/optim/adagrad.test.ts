import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { casesOf, checkCase, fixture, problem, runSteps } from './problem';

const { optim } = torch;

describe('optim.Adagrad: parity with torch.optim.Adagrad, step by step', () => {
  for (const c of casesOf('Adagrad')) it(c.name, () => checkCase(c));

  it('keeps a state for every parameter from the start, as Python does', () => {
    const p = problem();
    const sd = new optim.Adagrad([p.W, p.b], { initialAccumulatorValue: 0.5 }).stateDict();
    expect([...sd.state.keys()]).toEqual([0, 1]);
    expect((sd.state.get(1)!.step as torch.Tensor).item()).toBe(0);
    expect((sd.state.get(1)!.sum as torch.Tensor).tolist()).toEqual([0.5, 0.5]);
  });

  it('takes Python positional arguments: Adagrad(params, lr, lr_decay, weight_decay, initial_accumulator_value, eps)', () => {
    const c = fixture.cases.find((x) => x.name === 'adagrad_initial_accumulator')!;
    const p = problem();
    runSteps(c, new optim.Adagrad([p.W, p.b], 0.1, 0, 0, 0.5, 1e-3), p, 0, fixture.steps);
  });

  it('rejects bad hyperparameters with the argument and the call', () => {
    const W = problem().W;
    expect(() => new optim.Adagrad([W], { lrDecay: -1 })).toThrow('optim.Adagrad: lr_decay must be a non-negative number, got -1');
    expect(() => new optim.Adagrad([W], { initialAccumulatorValue: -1 })).toThrow('optim.Adagrad: initial_accumulator_value must be a non-negative number');
  });
});
