// torch/functional.py's functions (lib/functional.ts) against Python PyTorch 1.13's results
// (test/fixtures/gen_torch_functional.py writes test/fixtures/torch_functional/cases.json).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import * as torch from '../lib';
import { build, expectMatches, Encoded } from './tensor/fixture';

interface Fixture {
  inputs: Record<string, { data: unknown; dtype: string }>;
  cases: { js: string; py: string; result: Encoded }[];
  errors: { js: string; py: string; error: string; message: string }[];
}
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'torch_functional', 'cases.json'), 'utf8')) as Fixture;

/** Evaluates a case's TypeScript expression with torch and fresh copies of the named inputs in scope. */
function evaluate(js: string): unknown {
  const names = Object.keys(fixture.inputs);
  const values = names.map((n) => build(fixture.inputs[n].data, fixture.inputs[n].dtype));
  return new Function('torch', ...names, `return ${js};`)(torch, ...values);
}

const group = (js: string): string => /^(?:\(\(\) => \{.*?torch\.|torch\.|\w+\.)(\w+)/.exec(js)?.[1] ?? 'other';

describe('torch/functional.py functions match Python 1.13', () => {
  it.each(fixture.cases.map((c) => [`${group(c.js)}: ${c.py}`, c] as const))('%s', (_name, c) => {
    expectMatches(evaluate(c.js), c.result, c.js, { rtol: 1e-5, atol: 1e-5 });
  });

  it('covers every function of the port', () => {
    const covered = new Set(fixture.cases.map((c) => c.js));
    for (const name of ['einsum', 'meshgrid', 'broadcastTensors', 'broadcastShapes', 'split', 'unique', 'uniqueConsecutive', 'tensordot',
      'stft', 'istft', 'norm', 'cdist', 'atleast1d', 'atleast2d', 'atleast3d', 'blockDiag', 'cartesianProd', 'chainMatmul', 'lu', 'svdLowrank', 'pcaLowrank']) {
      expect([...covered].some((js) => js.includes(`torch.${name}(`)), name).toBe(true);
    }
  });
});

describe('torch/functional.py errors match Python 1.13', () => {
  it.each(fixture.errors.map((c) => [c.py, c] as const))('%s', (_py, c) => {
    let thrown: unknown;
    try { evaluate(c.js); } catch (e) { thrown = e; }
    expect(thrown, c.js).toBeInstanceOf(Error);
    // Python's ValueError and IndexError are RangeErrors here, TypeError a TypeError
    if (c.error === 'ValueError' || c.error === 'IndexError') expect(thrown, c.js).toBeInstanceOf(RangeError);
    if (c.error === 'TypeError') expect(thrown, c.js).toBeInstanceOf(TypeError);
    // where libtorch prints a tensor's type, Python's bindings have it print the legacy name
    const message = c.message.replace(/torch\.(\w+)Tensor\b/g, 'CPU$1Type');
    expect((thrown as Error).message).toContain(message);
  });
});

describe('torch/functional.py in TypeScript', () => {
  const a = torch.tensor([[1, 2], [3, 4]]);

  it('lu with getInfos is the (LU, pivots, info) namedtuple; without, a pair', () => {
    const r = torch.lu(a, { getInfos: true }) as torch.Tensor[] & { LU: torch.Tensor; pivots: torch.Tensor; info: torch.Tensor };
    expect(r.length).toBe(3);
    expect(r.LU).toBe(r[0]);
    expect(r.pivots).toBe(r[1]);
    expect(r.info).toBe(r[2]);
    expect(r.info.item()).toBe(0);
    expect(torch.lu(a).length).toBe(2);
    expect(a.lu(true, true).length).toBe(3);
  });

  it('out= results are the given tensors', () => {
    for (const f of [(o: torch.Tensor) => torch.norm(a, 1, 1, false, o), (o: torch.Tensor) => torch.tensordot(a, a, 1, { out: o }), (o: torch.Tensor) => torch.chainMatmul(a, a, { out: o })]) {
      const o = torch.empty(0);
      expect(f(o)).toBe(o);
    }
  });

  it('a bigint order is a number', () => {
    expect(torch.norm(a, 1n as never).item()).toBe(10);
  });

  it('split returns views of the input', () => {
    const x = torch.zeros(4);
    const [first] = torch.split(x, 2);
    first.fill_(1);
    expect(x.tolist()).toEqual([1, 1, 0, 0]);
  });

  it('unique and norm differentiate', () => {
    const w = torch.tensor([3, 4]).requiresGrad_();
    torch.norm(w).backward();
    expect(w.grad!.tolist().map((g) => Math.round((g as number) * 1e6) / 1e6)).toEqual([0.6, 0.8]);
    const m = torch.tensor([[1, 0], [0, 2]]).requiresGrad_();
    torch.norm(m, 'nuc').backward();
    expect(m.grad!.tolist()).toEqual([[1, 0], [0, 1]]);
  });

  it('argument errors name the PyTorch call and argument', () => {
    expect(() => torch.unique(a, { sorted: 1 as never })).toThrow(/torch\.unique: sorted must be a boolean, got 1/);
    expect(() => torch.unique(a, { return_inverse: true } as never)).toThrow(/torch\.unique: unknown option 'return_inverse' \(did you mean 'returnInverse'\?\)/);
    expect(() => torch.norm(a, 'fro', 1.5 as never)).toThrow(/torch\.norm: dim must be an integer, got 1\.5/);
    expect(() => a.norm({ dtype: 'x' as never })).toThrow(/torch\.Tensor\.norm: dtype must be a torch\.dtype/);
    expect(() => torch.stft(a, 0)).toThrow(/torch\.stft: n_fft must be a positive integer, got 0/);
    expect(() => torch.cdist(a, 1 as never)).toThrow(/torch\.cdist: x2 must be a Tensor, got 1/);
    expect(() => torch.einsum('ij', a, 3 as never)).toThrow(/torch\.einsum: operands\[1\] must be a Tensor, got 3/);
    expect(() => torch.einsum(a, [0, 1.5])).toThrow(/torch\.einsum: subscript must be an integer, got 1\.5/);
    expect(() => torch.meshgrid(a, { index: 'ij' } as never)).toThrow(/torch\.meshgrid: unknown option 'index'/);
    expect(() => torch.tensordot(a, a, 'x' as never)).toThrow(/torch\.tensordot: tensordot expects dims to be int/);
    expect(() => torch.broadcastShapes('x' as never)).toThrow(/torch\.broadcast_shapes: Input shapes should be of type ints/);
    expect(() => torch.split(a, 0)).toThrow(/torch\.split: split_size_or_sections must be a positive integer, got 0/);
    expect(() => torch.lu(a, { out: a } as never)).toThrow(/torch\.lu: out must be an array of Tensors/);
  });
});

describe('torch/functional.py typings', () => {
  it('results are typed by the flags asked for; wrong calls do not type-check', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'functional-typings-'));
    const file = path.join(dir, 'calls.ts');
    fs.writeFileSync(file, `import * as torch from ${JSON.stringify(path.join(__dirname, '..', 'lib'))};
const x = torch.tensor([1, 2, 2]);
const u: torch.Tensor = x.unique();
const [a, b]: torch.Tensor[] = x.unique({ returnInverse: true });
const c: torch.Tensor = torch.unique(x, { sorted: false });
const [d, e, f] = torch.unique(x, { returnInverse: true, returnCounts: true });
const g: torch.Tensor[] = x.uniqueConsecutive({ returnCounts: true });
const h: torch.Tensor = torch.einsum('ij,jk', x, x);
const i: torch.Tensor = torch.einsum(x, [0, '...'], [0]);
const [j, k] = torch.meshgrid(x, x, { indexing: 'ij' });
const l: number[] = torch.broadcastShapes([1, 2], 3);
const m: torch.Tensor = x.norm('fro', [0], true);
const n: torch.Tensor = torch.norm(x, 2, { dtype: torch.float64 });
const [U, S, V] = torch.svdLowrank(x, { q: 2 });
const o: torch.Tensor = torch.atleast2d(x);
const p: torch.Tensor[] = torch.atleast2d(x, x);
const q: torch.Tensor = x.stft(8, { returnComplex: true });
const r: torch.Tensor[] = torch.split(x, [1, 2], { dim: 0 });
// @ts-expect-error: with returnInverse the result is an array, not a Tensor
const w: torch.Tensor = torch.unique(x, { returnInverse: true });
// @ts-expect-error: norm's p is a number, 'fro', 'nuc' or null
torch.norm(x, 'max');
// @ts-expect-error: a subscript list holds integers and '...'
torch.einsum(x, ['i']);
export { u, a, b, c, d, e, f, g, h, i, j, k, l, m, n, U, S, V, o, p, q, r, w };
`);
    const tsc = require.resolve('typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'ES2022', '--module', 'commonjs', '--moduleResolution', 'node', '--esModuleInterop', '--skipLibCheck', '--types', 'node', file], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    // only the snippet's own errors: lib/ files in progress elsewhere are tsc -p's to report
    expect((r.stdout + r.stderr).split('\n').filter((line) => line.includes('calls.ts'))).toEqual([]);
  });
});
