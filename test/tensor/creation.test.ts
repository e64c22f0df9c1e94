// torch.tensor, the constructors and the *Like variants; properties and accessors.
import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { opsFixture, evaluate, expectMatches } from './fixture';

describe('constructors match PyTorch', () => {
  it.each(opsFixture().creation.map((c) => [c.js, c] as const))('%s', (_js, c) => expectMatches(evaluate(c.js), c.result, c.js, { rtol: 0, atol: 0 }));
});

describe('torch.tensor dtype inference: JS numbers, bigints and booleans', () => {
  it('plain numbers give the default dtype, bigints int64, booleans bool', () => {
    expect(torch.tensor([1, 2, 3]).dtype).toBe(torch.float32);
    expect(torch.tensor(2).dtype).toBe(torch.float32);
    expect(torch.tensor([1n, 2n]).dtype).toBe(torch.int64);
    expect(torch.tensor([true, false]).dtype).toBe(torch.bool);
    expect(torch.tensor([true, 2.5]).dtype).toBe(torch.float32);
    expect(torch.tensor([[1n], [2n]]).tolist()).toEqual([[1], [2]]);
  });
  it('typed arrays keep their type', () => {
    const cases: [ArrayBufferView, torch.DType][] = [
      [new Int32Array(2), torch.int32], [new BigInt64Array(2), torch.int64], [new Uint8Array(2), torch.uint8],
      [new Float64Array(2), torch.float64], [new Float32Array(2), torch.float32], [new Int8Array(2), torch.int8], [new Int16Array(2), torch.int16],
    ];
    for (const [data, dtype] of cases) expect(torch.tensor(data as Int32Array).dtype).toBe(dtype);
  });
  it('copies its data', () => {
    const a = new Float32Array([1, 2]);
    const t = torch.tensor(a);
    a[0] = 9;
    expect(t.tolist()).toEqual([1, 2]);
    const u = torch.tensor(t);
    t.fill_(0);
    expect(u.tolist()).toEqual([1, 2]);
  });
  it('follows the default dtype', () => {
    torch.setDefaultDtype(torch.float64);
    try {
      expect(torch.tensor([0.5]).dtype).toBe(torch.float64);
      expect(torch.zeros(1).dtype).toBe(torch.float64);
      expect(String(torch.tensor([0.5]))).toBe('tensor([0.5000])');
    } finally {
      torch.setDefaultDtype(torch.float32);
    }
    expect(() => torch.setDefaultDtype(undefined as never)).toThrow(/torch.set_default_dtype: d must be a torch dtype/);
    expect(() => torch.setDefaultDtype(Symbol('x') as never)).toThrow(/got a symbol/);
    expect(() => torch.setDefaultDtype(torch.int64)).toThrow(/only floating-point types/);
  });
  it('accepts requiresGrad and device options', () => {
    const t = torch.tensor([1, 2], { requiresGrad: true, device: 'cpu' });
    expect(t.requiresGrad).toBe(true);
    expect(t.isLeaf).toBe(true);
    expect(String(t.device)).toBe('cpu');
  });
});

describe('constructor shapes and dtypes', () => {
  it('takes sizes as varargs or one list', () => {
    expect(torch.zeros(2, 3).shape).toEqual([2, 3]);
    expect(torch.ones([4]).shape).toEqual([4]);
    expect(torch.empty(0, 3).shape).toEqual([0, 3]);
    expect(torch.zeros([]).shape).toEqual([]);
    expect(torch.empty(2, 2, { dtype: torch.int16 }).dtype).toBe(torch.int16);
  });
  it('random constructors give the right shape, dtype and range', () => {
    const r = torch.rand(100, { dtype: torch.float64 });
    expect(r.dtype).toBe(torch.float64);
    expect(r.ge(0).all().item()).toBe(true);
    expect(r.lt(1).all().item()).toBe(true);
    expect(torch.randn(3, 4).shape).toEqual([3, 4]);
    const i = torch.randint(-3, 3, [1000]);
    expect(i.dtype).toBe(torch.int64);
    expect(i.min().item()).toBe(-3);
    expect(i.max().item()).toBe(2);
    expect(torch.randint(5, [2, 2], { dtype: torch.int32 }).dtype).toBe(torch.int32);
    expect((torch.randperm(6).tolist() as number[]).sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it('*Like variants keep shape, dtype and device unless told otherwise', () => {
    const x = torch.zeros(2, 3, { dtype: torch.float64 });
    for (const t of [torch.zerosLike(x), torch.onesLike(x), torch.emptyLike(x), torch.randLike(x), torch.randnLike(x), torch.fullLike(x, 2)]) {
      expect(t.shape).toEqual([2, 3]);
      expect(t.dtype).toBe(torch.float64);
    }
    const r = torch.randintLike(x, 10);
    expect(r.dtype).toBe(torch.float64);
    expect(r.lt(10).all().item()).toBe(true);
    expect(torch.randintLike(x, 5, 6).eq(5).all().item()).toBe(true);
    expect(torch.zerosLike(x, { dtype: torch.int8 }).dtype).toBe(torch.int8);
  });
});

describe('properties and accessors', () => {
  const x = torch.tensor([[1.5, 2], [3, 4], [5, 6]]);
  it('shape, size, dim, numel, dtype, device', () => {
    expect(x.shape).toEqual([3, 2]);
    expect(x.size()).toEqual([3, 2]);
    expect(x.size(0)).toBe(3);
    expect(x.size(-1)).toBe(2);
    expect(x.dim()).toBe(2);
    expect(x.ndim).toBe(2);
    expect(x.numel()).toBe(6);
    expect(x.dtype).toBe(torch.float32);
    expect(x.dtype.toString()).toBe('torch.float32');
    expect(String(x.device)).toBe('cpu');
    expect(x.requiresGrad).toBe(false);
    expect(x.grad).toBeNull();
    expect(x.isLeaf).toBe(true);
  });
  it('item, tolist and toTypedArray for every dtype', () => {
    expect(torch.tensor(2.5).item()).toBe(2.5);
    expect(torch.tensor([7n]).item()).toBe(7);
    expect(torch.tensor(true).item()).toBe(true);
    expect(x.tolist()).toEqual([[1.5, 2], [3, 4], [5, 6]]);
    expect(torch.tensor(3.25).tolist()).toBe(3.25);
    expect(torch.tensor([true, false]).tolist()).toEqual([true, false]);
    expect(x.toTypedArray()).toEqual(new Float32Array([1.5, 2, 3, 4, 5, 6]));
    expect(x.t().toTypedArray()).toEqual(new Float32Array([1.5, 3, 5, 2, 4, 6]));
    expect(torch.tensor([1, 2], { dtype: torch.int64 }).toTypedArray()).toEqual(new BigInt64Array([1n, 2n]));
    expect(torch.tensor([1, 2], { dtype: torch.int32 }).toTypedArray()).toBeInstanceOf(Int32Array);
    expect(torch.tensor([1, 2], { dtype: torch.float64 }).toTypedArray()).toBeInstanceOf(Float64Array);
    expect(torch.tensor([0.1], { dtype: torch.float16 }).toTypedArray()).toEqual(new Float32Array([0.0999755859375]));
    expect(torch.tensor([0.1], { dtype: torch.bfloat16 }).toTypedArray()).toEqual(new Float32Array([0.10009765625]));
    expect(torch.tensor([1, 2], { dtype: torch.uint8 }).toTypedArray()).toBeInstanceOf(Uint8Array);
  });
  it('item and tolist give int64 values beyond 2^53 - 1 exactly, as bigints; smaller ones as numbers', () => {
    const big = 2n ** 53n + 1n;
    const t = torch.tensor([big, -big, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n, 2n ** 53n - 1n, -(2n ** 53n - 1n), 3n]);
    const want = [big, -big, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n, 2 ** 53 - 1, -(2 ** 53 - 1), 3];
    expect(t.tolist()).toEqual(want);
    want.forEach((w, i) => expect(t.select(0, i).item()).toBe(w));
    expect(t.view(2, 4).tolist()).toEqual([want.slice(0, 4), want.slice(4)]);
    expect(torch.tensor([big]).item()).toBe(2n ** 53n + 1n);
    expect(torch.tensor(big).tolist()).toBe(big);
    expect(torch.tensor([2n ** 62n]).add(1).item()).toBe(2n ** 62n + 1n);
    expect(typeof torch.tensor([3n]).item()).toBe('number');
    expect(typeof torch.arange(5).sum().item()).toBe('number');
    expect(typeof torch.tensor([2147483647], { dtype: torch.int32 }).item()).toBe('number');
  });
  it('every dtype is reachable under its Python name', () => {
    for (const name of ['float32', 'float64', 'float16', 'bfloat16', 'int8', 'uint8', 'int16', 'int32', 'int64', 'bool']) {
      const d = (torch as unknown as Record<string, torch.DType>)[name];
      expect(torch.zeros(1, { dtype: d }).dtype).toBe(d);
      expect(String(d)).toBe(`torch.${name}`);
    }
  });
});

describe('bad arguments name the argument and the PyTorch call', () => {
  it('torch.ones with an extra argument that cannot be printed (found by the fuzzer)', () => {
    expect(() => torch.ones(2, {}, Object.create(null) as never)).toThrow(/^torch\.ones: unexpected argument 2: an object$/);
  });
  it('torch.tensor', () => {
    expect(() => torch.tensor([[1, 2], [3]])).toThrow(/^torch\.tensor: expected a sequence of length 2 at \[1\], got length 1$/);
    expect(() => torch.tensor(['a'] as never)).toThrow(/torch\.tensor: data\[0\] must be a number, boolean, bigint or one-element Tensor, got "a"/);
    expect(() => torch.tensor([1], { dtype: 'float' as never })).not.toThrow();
    expect(() => torch.tensor([1], { dtype: 'floaty' as never })).toThrow(/torch\.tensor: dtype must be a torch dtype/);
    expect(() => torch.tensor([1], { requires_grad: true } as never)).toThrow(/torch\.tensor: unknown option 'requires_grad' \(did you mean 'requiresGrad'\?\)/);
    expect(() => torch.tensor([1], { device: 'gpu' })).toThrow(/torch\.tensor: device must be 'cpu', 'cuda' or a torch\.device/);
    // Python: RuntimeError: value cannot be converted to type int8 without overflow
    expect(() => torch.tensor([1, -129], { dtype: torch.int8 })).toThrow(/^torch\.tensor: value -129 at index 1 cannot be converted to type int8 without overflow$/);
    expect(() => torch.tensor([-256], { dtype: torch.uint8 })).toThrow(/cannot be converted to type uint8 without overflow/);
    expect(() => torch.tensor([-0.5], { dtype: torch.uint8 })).toThrow(/cannot be converted to type uint8 without overflow/);
    expect(() => torch.tensor([127.5], { dtype: torch.int8 })).toThrow(/cannot be converted to type int8 without overflow/);
    expect(() => torch.tensor([NaN], { dtype: torch.int32 })).toThrow(/value NaN at index 0 cannot be converted to type int32/);
    expect(() => torch.tensor([2 ** 31], { dtype: torch.int32 })).toThrow(/cannot be converted to type int32 without overflow/);
    expect(() => torch.tensor([2n ** 63n])).toThrow(/value 9223372036854775808n at index 0 cannot be converted to type int64/);
    expect(() => torch.tensor(new Uint16Array(2) as never)).toThrow(/torch\.tensor: data must be a Float32Array/);
  });
  it('constructors', () => {
    expect(() => torch.zeros(-1)).toThrow(/^torch\.zeros: size\[0\] must be a non-negative integer, got -1$/);
    expect(() => torch.ones([2, 1.5])).toThrow(/torch\.ones: size\[1\] must be an integer, got 1\.5/);
    expect(() => torch.rand(2, { dtype: torch.int64 })).toThrow(/torch\.rand: dtype must be a floating-point dtype/);
    expect(() => torch.randint(5, 5, [2])).toThrow(/torch\.randint: low must be less than high/);
    expect(() => torch.arange(0, 5, 0)).toThrow(/torch\.arange: step must be nonzero/);
    expect(() => torch.arange(0, Infinity)).toThrow(/torch\.arange: end must be a finite number/);
    expect(() => torch.arange(5, { start: 1 })).toThrow(/torch\.arange: got multiple values for argument 'start'/);
    expect(() => torch.arange({ dtype: torch.float32 })).toThrow(/torch\.arange: missing required argument 'end'/);
    expect(() => torch.linspace(0, 1, -2)).toThrow(/torch\.linspace: steps must be a non-negative integer/);
    expect(() => torch.eye(-1)).toThrow(/torch\.eye: n must be a non-negative integer/);
    expect(() => torch.full([2], 'x' as never)).toThrow(/torch\.full: fill_value must be a number, boolean or bigint/);
    expect(() => torch.zerosLike(3 as never)).toThrow(/torch\.zeros_like: input must be a Tensor, got 3/);
  });
  it('accessors', () => {
    expect(() => torch.zeros(2).item()).toThrow(/a Tensor with 2 elements cannot be converted to Scalar/);
    expect(() => torch.zeros(2).size(1.5)).toThrow(/torch\.Tensor\.size: dim must be an integer, got 1\.5/);
  });
});
