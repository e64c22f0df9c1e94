// torch/_lobpcg.py: torch.lobpcg, the k largest (or smallest) eigenpairs of a symmetric positive
// definite generalized eigenproblem A X = B X E by the Locally Optimal Block Preconditioned Conjugate
// Gradient method, "basic" (Knyazev 2001) or "ortho" (Duersch et al. 2018, the default). Dense or
// sparse A and B. The starting X, when not given, comes from torch.randn on the default generator,
// so torch.manualSeed gives Python's result.
import { aten } from './_aten';
import { Tensor, tensorArg } from './tensor';
import { float32, float64 } from './dtype';
import { randn, eye, zeros, empty } from './creation';
import { Generator } from './generator';
import * as _utils from './_linalg_utils';
import * as v from './validate';

export type LOBPCGMethod = 'basic' | 'ortho';
/** tracker(worker): called after every iteration; setting worker.bvars.force_stop ends the run. */
export type LOBPCGTracker = (worker: LOBPCG) => void;

export interface LobpcgOptions {
  k?: number | null;
  B?: Tensor | null;
  X?: Tensor | null;
  n?: number | null;
  iK?: Tensor | null;
  niter?: number | null;
  tol?: number | null;
  largest?: boolean | null;
  method?: LOBPCGMethod | null;
  tracker?: LOBPCGTracker | null;
  /** Python's dict keys: ortho_i_max, ortho_j_max (3 each). */
  orthoIparams?: Record<string, number> | null;
  /** ortho_tol, ortho_tol_drop, ortho_tol_replace (tol each). */
  orthoFparams?: Record<string, number> | null;
  /** ortho_use_drop (false). */
  orthoBparams?: Record<string, boolean> | null;
}

const NAMES = ['k', 'B', 'X', 'n', 'iK', 'niter', 'tol', 'largest', 'method', 'tracker', 'orthoIparams', 'orthoFparams', 'orthoBparams'] as const;

// ---- the backward of the symmetric eigenproblem (B = I), as _symeig_backward_* -------------------

/** The coefficients, lowest power first, of ∏(x - r) over the roots r (the last dim). */
function polynomialCoefficientsGivenRoots(roots: Tensor): Tensor {
  const order = roots.shape[roots.dim() - 1];
  const shape = roots.shape.slice();
  shape[shape.length - 1] += 2;
  const poly = roots.newZeros(shape);
  poly.narrow(-1, 0, 1).fill_(1);
  poly.narrow(-1, order + 1, 1).fill_(1);
  for (let i = 1; i <= order; i++) {
    poly.narrow(-1, order - i, i + 1).sub_(roots.narrow(-1, i - 1, 1).mul(poly.narrow(-1, order - i + 1, i + 1)));
  }
  return poly.narrow(-1, 1, order + 1);
}

/** The polynomial (coefficients on the last dim, lowest power first) at the vector x, elementwise. */
function vectorPolynomialValue(poly: Tensor, x: Tensor): Tensor {
  let res = x.newOnes([1]).expand(x.shape).clone();
  for (let k = poly.shape[poly.dim() - 1] - 2; k >= 0; k--) res = poly.select(-1, k).unsqueeze(-1).addcmul(x, res);
  return res;
}

/** The polynomial at the matrix x. */
function matrixPolynomialValue(poly: Tensor, x: Tensor): Tensor {
  const m = x.shape[x.dim() - 1];
  let res = eye(m, m, { dtype: x.dtype, device: x.device }).view(...x.shape.slice(0, -2).map(() => 1), m, m).clone();
  for (let k = poly.shape[poly.dim() - 1] - 2; k >= 0; k--) {
    res = x.matmul(res);
    res.diagonal({ dim1: -2, dim2: -1 }).add_(poly.select(-1, k).unsqueeze(-1));
  }
  return res;
}

/**
 * [D, U] that carry the gradient of LOBPCGAutogradFunction for the symmetric A (B = I): torch-node has
 * no custom autograd Function, so each output is its value plus a term that is zero at A (it is linear
 * in Δ = A - A.detach()) and whose vector-Jacobian product is Python's backward,
 * _symeig_backward_partial_eigenspace (U has fewer columns than rows: lobpcg needs m ≥ 3n):
 *   ∂A = U (diag(∂D) + (Uᵀ∂U)∘F) Uᵀ − U⊥ C⁻¹ U⊥ᵀ Σⱼ Aʲ ∂U diag(qⱼ) Uᵀ,
 * with F the inverse eigenvalue gaps, C = U⊥ᵀ p(A) U⊥ for p the polynomial with roots D, and qⱼ the
 * tails of p at D. The adjoint of that map applied to Δ is what U gains; Uᵀ Δ U's diagonal is what D
 * gains. First derivatives are Python's; second derivatives are not.
 */
function withSymeigGradient(A: Tensor, D: Tensor, U: Tensor, largest: boolean): [Tensor, Tensor] {
  const delta = A.sub(A.detach());
  const Ut = U.mT.contiguous();
  const UtDeltaU = Ut.matmul(delta).matmul(U);
  const Dout = D.add(UtDeltaU.diagonal({ dim1: -2, dim2: -1 }));
  const F = D.unsqueeze(-2).sub(D.unsqueeze(-1));
  F.diagonal({ dim1: -2, dim2: -1 }).fill_(Infinity);
  F.pow_(-1);
  // U⊥: the complement of U's span, from a fresh generator as Python's (so the same draws)
  const projUOrtho = U.matmul(Ut).neg();
  projUOrtho.diagonal({ dim1: -2, dim2: -1 }).add_(1);
  const m = A.shape[A.dim() - 1];
  const Uo = projUOrtho.matmul(randn([...A.shape.slice(0, -1), m - D.shape[D.dim() - 1]], { dtype: A.dtype, device: A.device, generator: new Generator() }));
  const UoT = Uo.mT.contiguous();
  const Ad = A.detach();
  const chrPoly = polynomialCoefficientsGivenRoots(D);
  const nk = chrPoly.shape[chrPoly.dim() - 1] - 1;
  const sign = largest && nk % 2 === 1 ? -1 : 1;
  const C = UoT.matmul(matrixPolynomialValue(chrPoly, Ad)).matmul(Uo);
  const L = aten('linalg_cholesky')(C.mul(sign), false);
  // Y = U⊥ C⁻¹ U⊥ᵀ Δ U, then Σⱼ Aʲ Y diag(qⱼ)
  const Y = Uo.matmul(aten('cholesky_solve')(UoT.matmul(delta).matmul(U), L, false).mul(sign));
  let series = Y.newZeros(Y.shape);
  let AjY = Y;
  for (let k = 1; k <= nk; k++) {
    series = series.add(AjY.mul(vectorPolynomialValue(chrPoly.narrow(-1, k, nk + 1 - k), D).unsqueeze(-2)));
    AjY = Ad.matmul(AjY);
  }
  const Uout = U.add(U.matmul(F.mul(UtDeltaU))).sub(series);
  return [Dout, Uout];
}

// ---- the driver -----------------------------------------------------------------------------------

/**
 * torch.lobpcg(A, k=None, B=None, X=None, n=None, iK=None, niter=None, tol=None, largest=None,
 * method=None, tracker=None, ortho_iparams=None, ortho_fparams=None, ortho_bparams=None) → [E, X]:
 * the k eigenvalues and eigenvectors; a batch of matrices gives a batch of each. When A (or B)
 * requires grad, the result carries the gradient of Python's LOBPCGAutogradFunction (B = I only).
 */
export function lobpcg(A: Tensor, options?: LobpcgOptions): [Tensor, Tensor];
/** Python's positional order (k, B, X, n, iK, niter, tol, largest, method, tracker, ortho_*params), then options. */
export function lobpcg(A: Tensor, ...args: unknown[]): [Tensor, Tensor];
export function lobpcg(A: Tensor, ...args: unknown[]): [Tensor, Tensor] {
  const call = 'torch.lobpcg';
  tensorArg(call, 'A', A);
  const o = v.bindArgs(call, NAMES, args) as LobpcgOptions;
  const opt = <T>(name: string, x: unknown, check: (c: string, n: string, x: unknown) => T): T | null => (x === undefined || x === null ? null : check(call, name, x));
  const k = opt('k', o.k, (c, n, x) => v.int(c, n, x, 1));
  const B = opt('B', o.B, tensorArg);
  const X = opt('X', o.X, tensorArg);
  const n = opt('n', o.n, (c, nm, x) => v.int(c, nm, x, 1));
  const iK = opt('iK', o.iK, tensorArg);
  const niter = opt('niter', o.niter, v.int);
  const tol = opt('tol', o.tol, v.number);
  const largest = opt('largest', o.largest, v.bool);
  const method = opt('method', o.method, (c, nm, x) => v.oneOf(c, nm, x, ['basic', 'ortho'] as const));
  const tracker = opt('tracker', o.tracker, v.func) as LOBPCGTracker | null;
  const params = <T>(name: string, x: unknown, check: (c: string, n: string, x: unknown) => T): Record<string, T> | null => {
    if (x === undefined || x === null) return null;
    return Object.fromEntries(Object.entries(v.options(call, x)).map(([key, y]) => [key, check(call, `${v.pythonName(name)}['${key}']`, y)]));
  };
  const iparams = params('orthoIparams', o.orthoIparams, v.int);
  const fparams = params('orthoFparams', o.orthoFparams, v.number);
  const bparams = params('orthoBparams', o.orthoBparams, v.bool);
  if (A.dim() < 2 || A.shape[A.dim() - 2] !== A.shape[A.dim() - 1]) throw new RangeError(`${call}: A must be a square matrix or a batch of them, got shape [${A.shape}]`);
  if (B !== null && String(B.shape) !== String(A.shape)) throw new RangeError(`${call}: B must have A's shape [${A.shape}], got [${B.shape}]`);
  const run = (a: Tensor, b: Tensor | null): [Tensor, Tensor] => lobpcgOf(a, k, b, X, n, iK, niter, tol, largest, method, tracker, iparams, fparams, bparams);
  if (A.requiresGrad || (B !== null && B.requiresGrad)) {
    // as LOBPCGAutogradFunction: the symmetric parts, the forward without a graph
    // as LOBPCGAutogradFunction: the forward on the symmetric parts. Its backward supports neither a B
    // nor complex input (Python raises at backward): there the results carry no gradient.
    const Asym = A.add(A.mT).div(2);
    const Bsym = B === null ? null : B.add(B.mT).div(2).detach().contiguous();
    const [D, U] = run(Asym.detach().contiguous(), Bsym);
    return Bsym === null && !Asym.dtype.isComplex ? withSymeigGradient(Asym, D, U, largest ?? true) : [D, U];
  }
  return run(A, B);
}

function lobpcgOf(
  A: Tensor, kArg: number | null, B: Tensor | null, XArg: Tensor | null, nArg: number | null, iK: Tensor | null,
  niter: number | null, tolArg: number | null, largest: boolean | null, methodArg: LOBPCGMethod | null, tracker: LOBPCGTracker | null,
  orthoIparams: Record<string, number> | null, orthoFparams: Record<string, number> | null, orthoBparams: Record<string, boolean> | null,
): [Tensor, Tensor] {
  const call = 'torch.lobpcg';
  const dtype = _utils.getFloatingDtype(A);
  const device = A.device;
  let tol = tolArg;
  if (tol === null) {
    if (dtype !== float32 && dtype !== float64) throw new TypeError(`${call}: the default tol needs a float32 or float64 A, got ${dtype}; pass tol`);
    tol = (dtype === float32 ? 1.2e-7 : 2.23e-16) ** 0.5;
  }
  const m = A.shape[A.dim() - 1];
  const k = kArg === null ? (XArg === null ? 1 : XArg.shape[XArg.dim() - 1]) : kArg;
  const n = XArg === null ? (nArg === null ? k : nArg) : XArg.shape[XArg.dim() - 1];
  if (m < 3 * n) {
    throw new RangeError(`${call}: LPBPCG algorithm is not applicable when the number of A rows (=${m}) is smaller than 3 x the number of requested eigenpairs (=${n})`);
  }
  const method = methodArg ?? 'ortho';
  const iparams: Record<string, number> = { m, n, k, niter: niter ?? 1000 };
  const fparams: Record<string, number> = { tol };
  const bparams: Record<string, boolean> = { largest: largest ?? true };
  if (method === 'ortho') {
    Object.assign(iparams, orthoIparams);
    Object.assign(fparams, orthoFparams);
    Object.assign(bparams, orthoBparams);
    iparams.ortho_i_max ??= 3;
    iparams.ortho_j_max ??= 3;
    fparams.ortho_tol ??= tol;
    fparams.ortho_tol_drop ??= tol;
    fparams.ortho_tol_replace ??= tol;
    bparams.ortho_use_drop ??= false;
  }
  const checkX = (X: Tensor): Tensor => {
    if (X.dim() !== 2 || X.shape[0] !== m || X.shape[1] !== n) throw new RangeError(`${call}: X must have shape [${m}, ${n}], got [${X.shape}]`);
    return X;
  };
  if (A.dim() > 2) {
    const batch = A.shape.slice(0, -2);
    const N = batch.reduce((a, b) => a * b, 1);
    const bA = A.reshape(N, m, m);
    const bB = B === null ? null : B.reshape(N, m, m);
    const bX = XArg === null ? null : XArg.reshape(N, ...XArg.shape.slice(-2));
    const bE = empty([N, k], { dtype, device });
    const bXret = empty([N, m, k], { dtype, device });
    for (let i = 0; i < N; i++) {
      const X = checkX(bX === null ? randn([m, n], { dtype, device }) : bX.select(0, i));
      iparams.batch_index = i;
      const worker = new LOBPCG(bA.select(0, i), bB === null ? null : bB.select(0, i), X, iK, iparams, fparams, bparams, method, tracker);
      worker.run();
      bE.select(0, i).copy_(worker.E.narrow(0, 0, k));
      bXret.select(0, i).copy_(worker.X.narrow(1, 0, k));
    }
    return [bE.reshape(...batch, k), bXret.reshape(...batch, m, k)];
  }
  const X = checkX(XArg === null ? randn([m, n], { dtype, device }) : XArg);
  const worker = new LOBPCG(A, B, X, iK, iparams, fparams, bparams, method, tracker);
  worker.run();
  return [worker.E.narrow(0, 0, k), worker.X.narrow(1, 0, k)];
}

/** The state of one LOBPCG run, what a tracker sees (torch._lobpcg.LOBPCG). Keys keep Python's names. */
export class LOBPCG {
  E: Tensor;
  R: Tensor;
  S: Tensor;
  tvars: Record<string, Tensor> = {};
  ivars: Record<string, number> = { istep: 0 };
  fvars: Record<string, number> = { _: 0 };
  bvars: Record<string, boolean> = { _: false };

  constructor(
    public A: Tensor | null, public B: Tensor | null, public X: Tensor, public iK: Tensor | null,
    public iparams: Record<string, number>, public fparams: Record<string, number>, public bparams: Record<string, boolean>,
    public method: LOBPCGMethod, public tracker: LOBPCGTracker | null,
  ) {
    const { m, n } = iparams;
    const o = { dtype: X.dtype, device: X.device };
    this.E = zeros([n], o);
    this.R = zeros([m, n], o);
    this.S = zeros([m, 3 * n], o);
  }

  toString(): string {
    const dict = (d: Record<string, unknown>): string => `{${Object.entries(d).map(([k, x]) => `'${k}': ${String(x)}`).join(', ')}}`;
    return ['LOPBCG:', `  iparams=${dict(this.iparams)}`, `  fparams=${dict(this.fparams)}`, `  bparams=${dict(this.bparams)}`,
      `  ivars=${dict(this.ivars)}`, `  fvars=${dict(this.fvars)}`, `  bvars=${dict(this.bvars)}`, `  tvars=${dict(this.tvars)}`,
      `  A=${String(this.A)}`, `  B=${String(this.B)}`, `  iK=${String(this.iK)}`, `  X=${String(this.X)}`, `  E=${String(this.E)}`, ''].join('\n');
  }

  /** One iteration. */
  update(): void {
    if (this.ivars.istep === 0) {
      const Xnorm = this.X.norm().item() as number;
      const iXnorm = Xnorm ** -1;
      this.fvars.X_norm = Xnorm;
      this.fvars.A_norm = (_utils.matmul(this.A, this.X).norm().item() as number) * iXnorm;
      this.fvars.B_norm = (_utils.matmul(this.B, this.X).norm().item() as number) * iXnorm;
      this.ivars.iterations_left = this.iparams.niter;
      this.ivars.converged_count = 0;
      this.ivars.converged_end = 0;
    }
    if (this.method === 'ortho') this.updateOrtho();
    else this.updateBasic();
    this.ivars.iterations_left -= 1;
    this.ivars.istep += 1;
  }

  /** R = A X - B X E. */
  updateResidual(): void {
    this.R = _utils.matmul(this.A, this.X).sub(_utils.matmul(this.B, this.X).mul(this.E));
  }

  /** How many leading eigenpairs have converged (their relative residual below tol). */
  updateConvergedCount(): number {
    const prev = this.ivars.converged_count;
    const { A_norm: Anorm, B_norm: Bnorm } = this.fvars;
    const { E, X, R } = this;
    const rerr = R.norm(2, [0]).mul(X.norm(2, [0]).mul(E.narrow(0, 0, X.shape[X.dim() - 1]).mul(Bnorm).add(Anorm)).pow(-1));
    const converged = rerr.lt(this.fparams.tol).tolist() as boolean[];
    let count = 0;
    while (count < converged.length && converged[count]) count++;
    if (count < prev) throw new Error(`torch.lobpcg: the number of converged eigenpairs (was ${prev}, got ${count}) cannot decrease`);
    this.ivars.converged_count = count;
    this.tvars.rerr = rerr;
    return count;
  }

  stopIteration(): boolean {
    return (this.bvars.force_stop ?? false) || this.ivars.iterations_left === 0 || this.ivars.converged_count >= this.iparams.k;
  }

  /** Iterates until the k eigenpairs converge, niter runs out or the tracker sets bvars.force_stop. */
  run(): void {
    this.update();
    this.callTracker();
    while (!this.stopIteration()) {
      this.update();
      this.callTracker();
    }
  }

  callTracker(): void {
    if (this.tracker !== null) this.tracker(this);
  }

  /** T[..., from:to], clamped as Python's slices are. */
  private columns(T: Tensor, from: number, to: number): Tensor {
    const size = T.shape[T.dim() - 1];
    const start = Math.min(from, size);
    return T.narrow(-1, start, Math.min(Math.max(to, start), size) - start);
  }

  /** Knyazev's LOBPCG with its Rayleigh-Ritz on the whole basis. */
  private updateBasic(): void {
    let ns = this.ivars.converged_end;
    let nc = this.ivars.converged_count;
    const n = this.iparams.n;
    const largest = this.bparams.largest;
    if (this.ivars.istep === 0) {
      const Ri = this.rayleighRitzTransform(this.X);
      const M = _utils.qform(_utils.qform(this.A, this.X), Ri);
      const [E, Z] = _utils.symeig(M, largest);
      this.X.copy_(this.X.matmul(Ri.matmul(Z)));
      this.E.copy_(E);
      const np = 0;
      this.updateResidual();
      nc = this.updateConvergedCount();
      this.columns(this.S, 0, n).copy_(this.X);
      const W = _utils.matmul(this.iK, this.R);
      this.ivars.converged_end = ns = n + np + W.shape[W.dim() - 1];
      this.columns(this.S, n + np, ns).copy_(W);
    } else {
      const S_ = this.columns(this.S, nc, ns);
      const Ri = this.rayleighRitzTransform(S_);
      const M = _utils.qform(_utils.qform(this.A, S_), Ri);
      const [E_, Z] = _utils.symeig(M, largest);
      this.columns(this.X, nc, n).copy_(S_.matmul(Ri.matmul(this.columns(Z, 0, n - nc))));
      this.E.narrow(0, nc, n - nc).copy_(E_.narrow(0, 0, n - nc));
      const P = S_.matmul(Ri.matmul(this.columns(Z, n, 2 * n - nc)));
      const np = P.shape[P.dim() - 1];
      this.updateResidual();
      nc = this.updateConvergedCount();
      this.columns(this.S, 0, n).copy_(this.X);
      this.columns(this.S, n, n + np).copy_(P);
      const W = _utils.matmul(this.iK, this.columns(this.R, nc, this.R.shape[1]));
      this.ivars.converged_end = ns = n + np + W.shape[W.dim() - 1];
      this.columns(this.S, n + np, ns).copy_(W);
    }
  }

  /** Duersch et al.'s LOBPCG: the basis kept B-orthonormal, so the Rayleigh-Ritz needs no transform. */
  private updateOrtho(): void {
    let ns = this.ivars.converged_end;
    let nc = this.ivars.converged_count;
    const n = this.iparams.n;
    const largest = this.bparams.largest;
    if (this.ivars.istep === 0) {
      const Ri = this.rayleighRitzTransform(this.X);
      const M = _utils.qform(_utils.qform(this.A, this.X), Ri);
      const Z = _utils.symeig(M, largest)[1];
      // as Python: E stays zero in this first step (only the residual of X is wanted)
      this.X = this.X.matmul(Ri.matmul(Z));
      this.updateResidual();
      const np = 0;
      nc = this.updateConvergedCount();
      this.columns(this.S, 0, n).copy_(this.X);
      const W = this.getOrtho(this.R, this.X);
      ns = this.ivars.converged_end = n + np + W.shape[W.dim() - 1];
      this.columns(this.S, n + np, ns).copy_(W);
    } else {
      const S_ = this.columns(this.S, nc, ns);
      const [E_, Z] = _utils.symeig(_utils.qform(this.A, S_), largest);
      this.columns(this.X, nc, n).copy_(S_.matmul(this.columns(Z, 0, n - nc)));
      this.E.narrow(0, nc, n - nc).copy_(E_.narrow(0, 0, n - nc));
      const Zp = this.columns(Z, n - nc, Z.shape[1]);
      const P = S_.matmul(Zp.matmul(_utils.basis(_utils.transpose(Zp.narrow(0, 0, n - nc)))));
      const np = P.shape[P.dim() - 1];
      this.updateResidual();
      nc = this.updateConvergedCount();
      this.columns(this.S, 0, n).copy_(this.X);
      this.columns(this.S, n, n + np).copy_(P);
      const W = this.getOrtho(this.columns(this.R, nc, this.R.shape[1]), this.columns(this.S, 0, n + np));
      ns = this.ivars.converged_end = n + np + W.shape[W.dim() - 1];
      this.columns(this.S, n + np, ns).copy_(W);
    }
  }

  /** The transform that makes S's Rayleigh quotient a standard eigenproblem (Duersch et al., Alg. 2). */
  private rayleighRitzTransform(S: Tensor): Tensor {
    const SBS = _utils.qform(this.B, S);
    const dRow = SBS.diagonal({ offset: 0, dim1: -2, dim2: -1 }).pow(-0.5);
    const dCol = dRow.reshape(dRow.shape[0], 1);
    const R = aten('linalg_cholesky')(SBS.mul(dRow).mul(dCol), true);
    return aten('linalg_solve_triangular')(R, dRow.diagEmbed(), true, false, false);
  }

  /** U made B-orthonormal by an SVQB (Stathopoulos and Wu, Alg. 4), dropping (or lifting) small directions. */
  private getSvqb(Uin: Tensor, drop: boolean, tau: number): Tensor {
    let U = Uin;
    if (U.numel() === 0) return U;
    let UBU = _utils.qform(this.B, U);
    let d = UBU.diagonal({ offset: 0, dim1: -2, dim2: -1 });
    let nz = d.abs().ne(0).nonzero().flatten();
    if (nz.numel() < d.numel()) {
      U = U.indexSelect(1, nz);
      if (U.numel() === 0) return U;
      UBU = _utils.qform(this.B, U);
      d = UBU.diagonal({ offset: 0, dim1: -2, dim2: -1 });
      nz = d.abs().ne(0).nonzero().flatten();
      if (nz.numel() !== d.numel()) throw new Error('torch.lobpcg: zero diagonal in UᵀBU after dropping its zero columns');
    }
    let dCol = d.pow(-0.5).reshape(d.shape[0], 1);
    const DUBUD = UBU.mul(dCol).mul(_utils.transpose(dCol));
    let [E, Z] = _utils.symeig(DUBUD);
    const t = E.abs().max().mul(tau);
    if (drop) {
      const keep = E.gt(t).nonzero().flatten();
      E = E.indexSelect(0, keep);
      Z = Z.indexSelect(1, keep);
      dCol = dCol.indexSelect(0, keep);
    } else {
      E = E.maskedFill(E.lt(t), t);
    }
    return U.mul(_utils.transpose(dCol)).matmul(Z.mul(E.pow(-0.5)));
  }

  /** U made B-orthogonal to V and B-orthonormal (Duersch et al., Alg. 5 with SVQB). */
  private getOrtho(Uin: Tensor, V: Tensor): Tensor {
    let U = Uin;
    const m = this.iparams.m;
    const tauOrtho = this.fparams.ortho_tol;
    const tauDrop = this.fparams.ortho_tol_drop;
    const tauReplace = this.fparams.ortho_tol_replace;
    const iMax = this.iparams.ortho_i_max;
    const jMax = this.iparams.ortho_j_max;
    const useDrop = this.bparams.ortho_use_drop;
    for (const key of Object.keys(this.fvars)) if (key.startsWith('ortho_') && key.endsWith('_rerr')) delete this.fvars[key];
    delete this.ivars.ortho_i;
    delete this.ivars.ortho_j;
    const BVnorm = _utils.matmul(this.B, V).norm();
    let BU = _utils.matmul(this.B, U);
    let VBU = _utils.transpose(V).matmul(BU);
    // i and j end as Python's loop variables do: the last value taken, 0 when a loop never ran
    let i = 0;
    let j = 0;
    for (let ii = 0; ii < iMax; ii++) {
      i = ii;
      U = U.sub(V.matmul(VBU));
      let drop = false;
      let tauSvqb = tauDrop;
      for (let jj = 0; jj < jMax; jj++) {
        j = jj;
        if (useDrop) {
          U = this.getSvqb(U, drop, tauSvqb);
          drop = true;
          tauSvqb = tauReplace;
        } else {
          U = this.getSvqb(U, false, tauReplace);
        }
        if (U.numel() === 0) {
          this.ivars.ortho_i = i;
          this.ivars.ortho_j = j;
          return U;
        }
        BU = _utils.matmul(this.B, U);
        const UBU = _utils.transpose(U).matmul(BU);
        const Unorm = U.norm();
        const BUnorm = BU.norm();
        const R = UBU.sub(eye(UBU.shape[UBU.dim() - 1], { device: UBU.device, dtype: UBU.dtype }));
        const rerr = (R.norm().item() as number) * (BUnorm.mul(Unorm).item() as number) ** -1;
        this.fvars[`ortho_UBUmI_rerr[${i}, ${j}]`] = rerr;
        if (rerr < tauOrtho) break;
      }
      VBU = _utils.transpose(V).matmul(BU);
      const rerr = (VBU.norm().item() as number) * (BVnorm.mul(U.norm()).item() as number) ** -1;
      this.fvars[`ortho_VBU_rerr[${i}]`] = rerr;
      if (rerr < tauOrtho) break;
      if (m < U.shape[U.dim() - 1] + V.shape[V.dim() - 1]) {
        throw new RangeError(`torch.lobpcg: Overdetermined shape of U: #B-cols(=${this.B?.shape[this.B.dim() - 1]}) >= #U-cols(=${U.shape[U.dim() - 1]}) + #V-cols(=${V.shape[V.dim() - 1]}) must hold`);
      }
    }
    this.ivars.ortho_i = i;
    this.ivars.ortho_j = j;
    return U;
  }
}
