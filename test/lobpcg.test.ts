// torch.lobpcg (lib/_lobpcg.ts) against Python 1.13 on the inputs of test/fixtures/gen_lobpcg.py.
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../lib';

interface T { shape: number[]; values: number[] }
const fx = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/lobpcg/lobpcg.json'), 'utf8'));
const ten = (x: T, dtype = torch.float64): torch.Tensor => torch.tensor(x.values, { dtype }).reshape(x.shape);
const A = (): torch.Tensor => ten(fx.A);
const X = (): torch.Tensor => ten(fx.X);

function close(got: torch.Tensor, want: T, tol: number): void {
  expect(got.shape).toEqual(want.shape);
  const g = got.flatten().tolist() as number[];
  g.forEach((x, i) => expect(Math.abs(x - want.values[i]), `element ${i}: ${x} vs ${want.values[i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(want.values[i]))));
}

/** Eigenvectors agree up to the sign of each column (the last dim), over a batch too. */
function closeUpToSign(got: torch.Tensor, want: T, tol: number): void {
  const w = ten(want, got.dtype);
  const signs = got.mul(w).sum(-2, true).sign();
  close(got.mul(signs), want, tol);
  expect(signs.abs().min().item()).toBe(1);
}

function check(name: string, [E, U]: [torch.Tensor, torch.Tensor], tol = 1e-8): void {
  close(E, fx.cases[name].E, tol);
  closeUpToSign(U, fx.cases[name].U, Math.sqrt(tol));
}

describe('torch.lobpcg', () => {
  it("method 'ortho' (the default), largest and smallest", () => {
    check('ortho_largest', torch.lobpcg(A(), { k: 2, X: X() }));
    check('ortho_smallest', torch.lobpcg(A(), 2, null, X(), { largest: false }));
  });

  it("method 'basic', with a preconditioner iK", () => {
    check('basic_largest', torch.lobpcg(A(), { k: 2, X: X(), method: 'basic' }));
    check('basic_smallest_iK', torch.lobpcg(A(), { k: 3, X: X(), method: 'basic', largest: false, iK: ten(fx.iK) }));
  });

  it('niter bounds the run (two iterations, unconverged)', () => {
    check('ortho_niter2', torch.lobpcg(A(), { k: 2, X: X(), niter: 2 }), 1e-7);
    check('basic_niter2', torch.lobpcg(A(), { k: 2, X: X(), niter: 2, method: 'basic' }), 1e-7);
  });

  it('a generalized problem (B), the ortho parameters, float32', () => {
    check('ortho_B', torch.lobpcg(A(), { k: 2, X: X(), B: ten(fx.B) }));
    check('ortho_drop', torch.lobpcg(A(), { k: 2, X: X(), orthoIparams: { ortho_i_max: 2 }, orthoFparams: { ortho_tol: 1e-9 }, orthoBparams: { ortho_use_drop: true } }));
    const [E, U] = torch.lobpcg(A().float(), { k: 2, X: X().float() });
    expect(E.dtype).toBe(torch.float32);
    close(E, fx.cases.float32.E, 1e-5);
    closeUpToSign(U, fx.cases.float32.U, 1e-3);
  });

  it('a batch of matrices, a sparse A, and the default X drawn as Python draws it', () => {
    const [E, U] = torch.lobpcg(ten(fx.bA), { k: 2, X: ten(fx.bX) });
    expect(E.shape).toEqual([2, 2]);
    check('batch', [E, U]);
    check('sparse', torch.lobpcg((A() as unknown as { toSparse(): torch.Tensor }).toSparse(), { k: 2, X: X() }));
    torch.manualSeed(7);
    check('default_X', torch.lobpcg(A(), { k: 2, n: 3 }));
  });

  it('calls the tracker after every iteration; bvars.force_stop ends the run', () => {
    const steps: unknown[] = [];
    torch.lobpcg(A(), { k: 2, X: X(), tracker: (w) => steps.push([w.ivars.istep, w.ivars.converged_count, Object.keys(w.fvars).sort()]) });
    expect(steps).toEqual(fx.tracker);
    const stopped: number[] = [];
    torch.lobpcg(A(), { k: 2, X: X(), tracker: (w) => { stopped.push(w.ivars.istep); if (w.ivars.istep === 2) w.bvars.force_stop = true; } });
    expect(stopped).toEqual(fx.stopped);
  });

  it("carries the gradient of Python's LOBPCGAutogradFunction", () => {
    const W = ten(fx.W);
    const Ag = A().requiresGrad_(true);
    const [E, U] = torch.lobpcg(Ag, { k: 2, X: X() });
    close(E.detach(), fx.grad.E, 1e-8);
    E.sum().add(U.matmul(U.t()).mul(W).sum()).backward();
    close(Ag.grad!, fx.grad.A, 1e-6);
    const Ag2 = A().requiresGrad_(true);
    const [E2, U2] = torch.lobpcg(Ag2, { k: 2, X: X(), largest: false });
    E2.pow(2).sum().add(U2.matmul(U2.t()).mul(W).sum()).backward();
    close(Ag2.grad!, fx.grad.smallest, 1e-6);
  });

  it('rejects bad arguments as Python does', () => {
    expect(() => torch.lobpcg(A(), { k: 10 })).toThrow(/LPBPCG algorithm is not applicable when the number of A rows \(=24\) is smaller than 3 x the number of requested eigenpairs \(=10\)/);
    expect(() => torch.lobpcg(torch.zeros(3, 4))).toThrow(/torch\.lobpcg: A must be a square matrix/);
    expect(() => torch.lobpcg(A(), { method: 'fast' as never })).toThrow(/torch\.lobpcg: method must be one of/);
    expect(() => torch.lobpcg(A(), { X: torch.zeros(5, 2, { dtype: torch.float64 }) })).toThrow(/torch\.lobpcg: X must have shape \[24, 2\]/);
    expect(() => torch.lobpcg(A(), { kk: 1 } as never)).toThrow(/torch\.lobpcg: unknown option 'kk'/);
    expect(() => torch.lobpcg('A' as never)).toThrow(/torch\.lobpcg: A must be a Tensor/);
  });
});
