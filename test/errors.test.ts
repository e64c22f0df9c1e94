// libtorch's exceptions reach JS as errors with libtorch's own message and no C++ backtrace:
// c10::IndexError → RangeError, other c10::Error → torch.TorchError (Python's IndexError and
// RuntimeError). Type and message are compared with what Python PyTorch raised for the same call
// (test/fixtures/gen_errors.py). c10::TypeError → TypeError is mapped too (native/errors.h), but
// libtorch 1.13 raises it only from the RNG-state setter, which nothing binds yet.
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../lib';
import fixture from './fixtures/errors/libtorch_errors.json';

const jsClass: Record<string, new (...a: never[]) => Error> = { RuntimeError: torch.TorchError, IndexError: RangeError, TypeError };

const calls: Record<string, () => unknown> = {
  view_bad_shape: () => torch.arange(6.0).view(4, 2),
  select_out_of_range: () => torch.zeros(2, 3).select(0, 5),
  matmul_shape_mismatch: () => torch.zeros(2, 3).matmul(torch.zeros(2, 3)),
  mm_dtype_mismatch: () => torch.zeros(2, 2).mm(torch.zeros(2, 2, { dtype: torch.int64 })),
  index_select_float_index: () => torch.zeros(3).indexSelect(0, torch.tensor([0.0])),
  index_out_of_bounds: () => torch.zeros(3).index(torch.tensor([5], { dtype: torch.int64 })),
  transpose_dim_out_of_range: () => torch.zeros(3).transpose(0, 4),
  cat_rank_mismatch: () => torch.cat([torch.zeros(2), torch.zeros(2, 2)]),
  sub_bool: () => torch.tensor([true]).sub(torch.tensor([true])),
  where_float_condition: () => torch.where(torch.zeros(2), torch.zeros(2), torch.zeros(2)),
  empty_2_pow_40: () => torch.empty(2 ** 40),
};

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('libtorch errors', () => {
  for (const [name, expected] of Object.entries(fixture.cases)) {
    it(`${name}: ${expected.type} → ${jsClass[expected.type].name}, with PyTorch's message`, () => {
      const e = thrown(calls[name]);
      expect(e).toBeInstanceOf(jsClass[expected.type]);
      expect(e.message).toBe(expected.message);
      expect(e.message).not.toContain('Exception raised from');
      expect(e.stack).toContain('errors.test.ts'); // a JS stack, pointing at the caller
    });
  }

  it('TorchError is an Error subclass exported as torch.TorchError, not a RangeError or TypeError', () => {
    const e = thrown(calls.view_bad_shape);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('TorchError');
    expect(e).not.toBeInstanceOf(RangeError);
    expect(e).not.toBeInstanceOf(TypeError);
    expect(String(e)).toBe("TorchError: shape '[4, 2]' is invalid for input of size 6");
  });

  it('no message carries a C++ backtrace, even for allocator failures', () => {
    for (const f of Object.values(calls)) expect(thrown(f).message).not.toMatch(/Exception raised from|frame #\d/);
  });

  it('a disposed tensor gives a TypeError that says so', () => {
    const x = torch.ones(3);
    x.dispose();
    const e = thrown(() => x.add(1));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toMatch(/disposed Tensor.*dispose\(\)/);
    expect(thrown(() => torch.ones(3).add(x)).message).toMatch(/disposed Tensor/);
  });

  it('every AsyncWorker catches libtorch errors as Guarded() does, without the C++ backtrace', () => {
    // An AsyncWorker's default error path uses c10::Error::what(), with its multi-KB C++ backtrace: each
    // Execute() must catch c10::Error itself and keep what_without_backtrace() (native/jit.cc does).
    const dir = path.join(__dirname, '..', 'native');
    const sources = fs.readdirSync(dir).filter((f) => /\.(cc|h)$/.test(f)).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
    const workers = sources.flatMap((src) => src.split(/(?=class \w+ : public Napi::AsyncWorker)/).slice(1));
    expect(workers.length).toBeGreaterThan(0);
    for (const w of workers) {
      const execute = w.slice(w.indexOf('void Execute()'), w.indexOf('void OnOK()'));
      expect(execute).toMatch(/catch \(const c10::Error& e\) \{\s*(\w+ = e\.what_without_backtrace\(\)|SetError\(e\.what_without_backtrace\(\)\));/);
    }
  });
});

describe('torch.NotImplementedError', () => {
  // Python: str(NotImplementedError(3)) == '3', any object (a Symbol threw in Error's constructor)
  it('takes any message as Python does', () => {
    expect(new torch.NotImplementedError(3 as never).message).toBe('3');
    expect(new torch.NotImplementedError(Symbol('s') as never).message).toBe('Symbol(s)');
    expect(new torch.NotImplementedError().message).toBe('');
    // String() throws on these; the fuzzer found Object.create(null)
    expect(new torch.NotImplementedError(Object.create(null) as never).message).toBe('an object');
    expect(new torch.NotImplementedError({ toString: () => { throw new Error('no'); } } as never).message).toBe('a Object');
    expect(new torch.NotImplementedError('x').name).toBe('NotImplementedError');
  });
});
