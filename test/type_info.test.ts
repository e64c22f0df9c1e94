// torch.finfo / torch.iinfo / torch.pi, e, inf, nan (lib/type_info.ts) against test/fixtures/gen_type_info.py.
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inspect } from 'node:util';
import * as torch from '../lib';

const fx = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/type_info/type_info.json'), 'utf8'));
const dt = (name: string): torch.DType => (torch as unknown as Record<string, torch.DType>)[name];
const pyFloat = (x: number): string => (Number.isNaN(x) ? 'nan' : x === Infinity ? 'inf' : String(x));

describe('torch.finfo and torch.iinfo', () => {
  it("give Python's limits and reprs for every dtype they take", () => {
    for (const [name, want] of Object.entries(fx.finfo) as [string, Record<string, unknown>][]) {
      const f = new torch.finfo(dt(name));
      const { repr, ...fields } = want;
      expect({ bits: f.bits, eps: f.eps, max: f.max, min: f.min, tiny: f.tiny, smallestNormal: f.smallestNormal, resolution: f.resolution, dtype: f.dtype }, name).toEqual(fields);
      expect(String(f), name).toBe(repr);
      expect(inspect(f)).toBe(repr);
    }
    for (const [name, want] of Object.entries(fx.iinfo) as [string, Record<string, unknown>][]) {
      const f = new torch.iinfo(dt(name));
      expect({ bits: f.bits, max: String(f.max), min: String(f.min), dtype: f.dtype, repr: String(f) }, name).toEqual(want);
    }
    // int64's limits are beyond Number.MAX_SAFE_INTEGER: exact bigints, as item() gives them
    expect([typeof new torch.iinfo(torch.int64).max, typeof new torch.iinfo(torch.int32).max]).toEqual(['bigint', 'number']);
    expect(String(new torch.iinfo({ type: torch.int64 }))).toBe(fx.iinfo.int64.repr);
    expect(String(new torch.finfo({ type: torch.float16 }))).toBe(fx.finfo.float16.repr);
  });

  it('finfo() takes the default dtype', () => {
    expect(String(new torch.finfo())).toBe(fx.default);
    torch.setDefaultDtype(torch.float64);
    try {
      expect(String(new torch.finfo())).toBe(fx.default_float64);
    } finally {
      torch.setDefaultDtype(torch.float32);
    }
  });

  it("reject the dtypes Python rejects, with Python's messages", () => {
    for (const [name, message] of Object.entries(fx.finfo_errors) as [string, string][]) {
      expect(() => new torch.finfo(dt(name)), name).toThrow(new TypeError(message));
    }
    for (const [name, message] of Object.entries(fx.iinfo_errors) as [string, string][]) {
      expect(() => new torch.iinfo(dt(name)), name).toThrow(new TypeError(message));
    }
    // Python: "finfo(): argument 'type' (position 1) must be torch.dtype, not str"
    expect(() => new torch.finfo('float32' as never)).toThrow(/^torch\.finfo: type must be a torch\.dtype, got "float32"/);
    expect(() => new torch.finfo(null as never)).toThrow(TypeError);
    expect(() => new (torch.iinfo as new () => unknown)()).toThrow(/^torch\.iinfo: type must be a torch\.dtype, got undefined/);
    expect(() => new torch.finfo({ dtype: torch.float32 } as never)).toThrow(/unknown option 'dtype'/);
    expect(() => new (torch.finfo as new (...a: unknown[]) => unknown)(torch.float32, torch.float32)).toThrow(/takes at most 1 positional argument but 2 were given/);
  });

  it('torch.pi, e, inf, nan are math\'s', () => {
    expect([torch.pi, torch.e, pyFloat(torch.inf), pyFloat(torch.nan)]).toEqual([fx.constants.pi, fx.constants.e, fx.constants.inf, fx.constants.nan]);
  });
});
