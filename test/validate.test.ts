import { describe, it, expect } from 'vitest';
import * as torch from '../lib';
import { bindArgs, pythonName } from '../lib/validate';
import { transforms } from '../lib/vision';

const { nn, optim } = torch;

describe('bindArgs: Python positional arguments and a trailing options object', () => {
  it('binds positionals in order and options by name; undefined is not given', () => {
    expect(bindArgs('f', ['a', 'b', 'c'], [1, { c: 3 }])).toEqual({ a: 1, c: 3 });
    expect(bindArgs('f', ['a', 'b'], [1, undefined, { b: 2 }, undefined])).toEqual({ a: 1, b: 2 });
    expect(bindArgs('f', ['a'], [null])).toEqual({ a: null });
    expect(bindArgs('f', ['a'], [1, { k: 2 }], ['k'])).toEqual({ a: 1, k: 2 });
    expect(() => bindArgs('f', ['a'], [1, { b: 2 }])).toThrow(new TypeError("f: unknown option 'b'; known options: a"));
    expect(() => bindArgs('f', ['a'], [{ key_word: 1 }], ['keyWord'])).toThrow("f: unknown option 'key_word' (did you mean 'keyWord'?); known options: a, keyWord");
  });

  it('too many positionals: Python\'s wording', () => {
    // Python: "f() takes 0 positional arguments but 1 was given"
    expect(() => bindArgs('f', [], [1, { k: 1 }], ['k'])).toThrow(new TypeError('f: takes 0 positional arguments but 1 was given'));
    expect(() => bindArgs('f', ['a'], [1, 2])).toThrow(new TypeError('f: takes at most 1 positional argument but 2 were given'));
    expect(() => bindArgs('f', ['a', 'b'], [1, 2, 3, {}])).toThrow(new TypeError('f: takes at most 2 positional arguments but 3 were given'));
  });

  it('duplicates name the argument as Python does, at every kind of call site', () => {
    // Each message ends as Python 1.13's (e.g. "CosineAnnealingLR.__init__() got multiple values for argument 'T_max'").
    const opt = new optim.SGD([torch.zeros(1, { requiresGrad: true })], { lr: 0.1 });
    expect(() => new optim.lr_scheduler.CosineAnnealingLR(opt, 10, { TMax: 5 })).toThrow(new TypeError("optim.lr_scheduler.CosineAnnealingLR: got multiple values for argument 'T_max'"));
    expect(() => transforms.Resize(4, { size: 3 })).toThrow("got multiple values for argument 'size'");
    expect(() => transforms.Normalize([0.5], [0.5], false, { inplace: true })).toThrow("got multiple values for argument 'inplace'");
    expect(() => nn.init.kaimingUniform_(torch.zeros(2, 2), 0, { a: 1 } as never)).toThrow("nn.init.kaiming_uniform_: got multiple values for argument 'a'");
    expect(() => new nn.Conv2d(1, 2, 3, { kernelSize: 3 })).toThrow("nn.Conv2d: got multiple values for argument 'kernel_size'");
  });

  it('pythonName: camelCase back to Python\'s snake_case', () => {
    expect(pythonName('weightDecay')).toBe('weight_decay');
    expect(pythonName('TMax')).toBe('T_max');
    expect(pythonName('lr')).toBe('lr');
  });
});
