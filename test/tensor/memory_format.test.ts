// The memory_format arguments (lib/tensor.ts, lib/creation.ts, lib/nn/module.ts): strides and
// is_contiguous(memory_format=...) against test/fixtures/gen_memory_format.py (Python PyTorch 1.13).
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../../lib';
import type { MemoryFormat } from '../../lib';

const fx = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/tensor/memory_format.json'), 'utf8'));
type Result = { stride: number[]; shape: number[] } | { error: string; message: string };

const FORMATS: Record<string, MemoryFormat> = {
  contiguous_format: torch.contiguous_format,
  channels_last: torch.channels_last,
  channels_last_3d: torch.channels_last_3d,
  preserve_format: torch.preserve_format,
};

// The fixture's inputs, made with the same ops as its generator
function recipes(): Record<string, torch.Tensor> {
  const a4 = torch.arange(120).float().reshape(2, 3, 4, 5);
  const a5 = torch.arange(144).float().reshape(2, 3, 2, 3, 4);
  return {
    contig4d: a4,
    cl4d: a4.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2),
    onechannel: torch.arange(18).float().reshape(2, 1, 3, 3),
    transposed4d: a4.transpose(1, 3),
    sliced4d: a4.slice(2, null, null, 2),
    ones4d: torch.arange(1).float().reshape(1, 1, 1, 1),
    contig5d: a5,
    cl5d: a5.permute(0, 2, 3, 4, 1).contiguous().permute(0, 4, 1, 2, 3),
    matrix_t: torch.arange(6).float().reshape(2, 3).t(),
    vector: torch.arange(5).float(),
    scalar: torch.tensor(3),
    contig3d: torch.arange(24).float().reshape(2, 3, 4),
  };
}

/** Runs f as the fixture's attempt() did: the strides (and shape) of its result, or Python's error. */
function check(what: string, f: () => torch.Tensor, want: Result, source?: torch.Tensor): void {
  if ('error' in want) {
    expect(f, what).toThrow(want.message);
    return;
  }
  const t = f();
  expect([t.shape, t.stride()], what).toEqual([want.shape, want.stride]);
  // a copy in another layout holds the same elements
  if (source) expect(torch.equal(t.to(source.dtype), source), what).toBe(true);
}

describe('memory_format', () => {
  const inputs = recipes();

  it('the inputs have the strides of the fixture', () => {
    expect(Object.keys(inputs)).toEqual(Object.keys(fx.inputs));
    for (const [name, x] of Object.entries(inputs)) expect([x.shape, x.stride()], name).toEqual([fx.inputs[name].shape, fx.inputs[name].stride]);
  });

  it('isContiguous({ memoryFormat }) for every format', () => {
    for (const [name, x] of Object.entries(inputs)) {
      const c = fx.inputs[name];
      expect(x.isContiguous(), name).toBe(c.is_contiguous_default);
      for (const [f, fmt] of Object.entries(FORMATS)) expect(x.isContiguous({ memoryFormat: fmt }), `${name} ${f}`).toBe(c.is_contiguous[f]);
    }
    // channels_last of a standard-layout NCHW tensor is false, as Python
    expect(inputs.contig4d.isContiguous({ memoryFormat: torch.channels_last })).toBe(false);
  });

  it('contiguous({ memoryFormat }): strides, Python\'s errors, and this tensor itself when already in the format', () => {
    for (const [name, x] of Object.entries(inputs)) {
      const c = fx.inputs[name];
      check(`${name} contiguous()`, () => x.contiguous(), c.contiguous_default, x);
      expect(x.contiguous() === x, `${name} contiguous() is x`).toBe(c.contiguous_default_is_self);
      for (const [f, fmt] of Object.entries(FORMATS)) {
        check(`${name} contiguous(${f})`, () => x.contiguous({ memoryFormat: fmt }), c.contiguous[f], x);
        if (c.contiguous_is_self[f] !== null) expect(x.contiguous({ memoryFormat: fmt }) === x, `${name} contiguous(${f}) is x`).toBe(c.contiguous_is_self[f]);
      }
    }
  });

  it('clone, to, to(dtype), float and cpu with { memoryFormat }', () => {
    for (const [name, x] of Object.entries(inputs)) {
      const c = fx.inputs[name];
      check(`${name} clone()`, () => x.clone(), c.clone_default, x);
      for (const [f, fmt] of Object.entries(FORMATS)) {
        check(`${name} clone(${f})`, () => x.clone({ memoryFormat: fmt }), c.clone[f], x);
        check(`${name} to(${f})`, () => x.to({ memoryFormat: fmt }), c.to[f], x);
        check(`${name} to(float64, ${f})`, () => x.to(torch.float64, { memoryFormat: fmt }), c.to_double[f], x);
        check(`${name} double().float(${f})`, () => x.double().float({ memoryFormat: fmt }), c.float[f], x);
        check(`${name} cpu(${f})`, () => x.cpu({ memoryFormat: fmt }), c.cpu[f], x);
      }
    }
  });

  it('the *_like factories keep a dense input\'s strides (preserve_format) or take the format given', () => {
    const likes: Record<string, (x: torch.Tensor, o?: { memoryFormat?: MemoryFormat; dtype?: torch.DType }) => torch.Tensor> = {
      empty_like: torch.emptyLike,
      zeros_like: torch.zerosLike,
      ones_like: torch.onesLike,
      rand_like: torch.randLike,
      randn_like: torch.randnLike,
      full_like: (x, o) => torch.fullLike(x, 7, o),
      randint_like: (x, o) => torch.randintLike(x, 3, 9, o),
    };
    for (const [name, x] of Object.entries(inputs)) {
      const c = fx.inputs[name];
      for (const [fn, make] of Object.entries(likes)) {
        check(`${fn}(${name})`, () => make(x), c.like_default[fn]);
        for (const [f, fmt] of Object.entries(FORMATS)) check(`${fn}(${name}, ${f})`, () => make(x, { memoryFormat: fmt }), c.like[f][fn]);
      }
      check(`zeros_like(${name}, int32)`, () => torch.zerosLike(x, { dtype: torch.int32 }), c.like_default.zeros_like_dtype);
    }
    const cl = inputs.cl4d;
    expect(torch.zerosLike(cl).sum().item()).toBe(0);
    expect(torch.onesLike(cl).sum().item()).toBe(120);
    expect(torch.fullLike(cl, 7).dtype).toBe(torch.float32);
    const r = torch.randintLike(cl, 3, 9);
    expect([r.min().item(), r.max().item(), r.dtype]).toEqual([3, 8, torch.float32]);
  });

  it('torch.empty and resize_ with { memoryFormat }', () => {
    for (const [key, c] of Object.entries(fx.empty as Record<string, Record<string, Result> & { resize_: Record<string, Result> }>)) {
      const size = key.split('x').map(Number);
      for (const [f, fmt] of Object.entries(FORMATS)) {
        check(`empty(${key}, ${f})`, () => torch.empty(size, { memoryFormat: fmt }), c[f]);
        check(`empty(0).resize_(${key}, ${f})`, () => torch.empty(0).resize_(size, { memoryFormat: fmt }), c.resize_[f]);
      }
    }
  });

  it('nn.Module.to({ memoryFormat }) converts the 4-d and 5-d parameters and buffers only', () => {
    const net = (): torch.nn.Module => new torch.nn.Sequential(new torch.nn.Conv2d(3, 4, 3), new torch.nn.BatchNorm2d(4), new torch.nn.Conv3d(4, 2, 1), new torch.nn.Linear(3, 2));
    for (const [f, fmt] of Object.entries(FORMATS)) {
      const want = fx.module_to[f];
      if ('error' in want) {
        expect(() => net().to({ memoryFormat: fmt }), f).toThrow(want.message);
        continue;
      }
      const m = net();
      const weight = (m as unknown as { 0: torch.nn.Conv2d })[0].weight;
      expect(m.to({ memoryFormat: fmt })).toBe(m);
      expect((m as unknown as { 0: torch.nn.Conv2d })[0].weight, 'the same Parameter object').toBe(weight);
      expect(Object.fromEntries([...m.stateDict()].map(([k, t]) => [k, t.stride()])), f).toEqual(want);
      const d = net().to(torch.float64, { memoryFormat: fmt });
      expect(Object.fromEntries([...d.stateDict()].map(([k, t]) => [k, [t.stride(), String(t.dtype)]])), `${f} float64`).toEqual(fx.module_to[`${f}_double`]);
    }
  });

  it('memory_format is keyword-only and must be a torch.memory_format, as in Python', () => {
    const x = inputs.contig4d;
    expect(() => (x.contiguous as (f: unknown) => torch.Tensor)(torch.channels_last)).toThrow(/takes 0 positional arguments but 1 was given/);
    expect(() => (x.isContiguous as (f: unknown) => boolean)(torch.channels_last)).toThrow(/takes 0 positional arguments but 1 was given/);
    expect(() => x.clone({ memoryFormat: 'channels_last' as unknown as MemoryFormat })).toThrow(/torch\.clone: memory_format must be a torch\.memory_format/);
    expect(() => x.contiguous({ memory_format: torch.channels_last } as never)).toThrow(/did you mean 'memoryFormat'/);
    expect(() => torch.zerosLike(x, { memoryFormat: 2 as unknown as MemoryFormat })).toThrow(/torch\.zeros_like: memory_format must be a torch\.memory_format/);
    expect(fx.formats).toEqual(Object.values(FORMATS).map(String));
  });
});
