// torch.optim.LBFGS (torch/optim/lbfgs.py, PyTorch 1.13): limited-memory BFGS over all parameters
// flattened into one vector, with the optional strong-Wolfe line search, step(closure) only.
//
// Python mixes floats and 0-dim tensors in this algorithm (gtd, ys, H_diag, ro, al and, after the
// first iteration's `min(1.0, 1.0 / g.abs().sum()) * lr`, t itself are tensors; losses are floats).
// Their arithmetic rounds differently (a float32 tensor op rounds to float32, a float op does not),
// and the state dict keeps whichever each value is; so this port keeps the same values as tensors
// or numbers and computes with the helpers below, which do what Python's operators do on them.
import { Tensor } from '../tensor';
import { aten } from '../_aten';
import { TorchError } from '../errors';
import * as v from '../validate';
import { native } from '../native';
import { Optimizer, OptimizerSpec, ParamGroup, ParamState, Params, anyNumber, isSparse } from './optimizer';

export interface LBFGSOptions {
  lr?: number;
  maxIter?: number;
  maxEval?: number | null;
  toleranceGrad?: number;
  toleranceChange?: number;
  historySize?: number;
  lineSearchFn?: 'strong_wolfe' | null;
}

/** A Python float (number) or a 0-dim tensor. */
type Num = number | Tensor;
const isT = (x: Num): x is Tensor => x instanceof Tensor;
const add = (a: Num, b: Num): Num => (isT(a) ? a.add(b) : isT(b) ? b.add(a) : a + b);
const sub = (a: Num, b: Num): Num => (isT(a) ? a.sub(b) : isT(b) ? b.neg().add(a) : a - b);
const mul = (a: Num, b: Num): Num => (isT(a) ? a.mul(b) : isT(b) ? b.mul(a) : a * b);
// number / tensor is Python's Tensor.__rtruediv__: the reciprocal times the number.
const div = (a: Num, b: Num): Num => (isT(a) ? a.div(b) : isT(b) ? b.reciprocal().mul(a) : a / b);
const bool = (t: Tensor): boolean => t.item() as boolean;
const lt = (a: Num, b: Num): boolean => (isT(a) ? bool(a.lt(b)) : isT(b) ? bool(b.gt(a)) : a < b);
const le = (a: Num, b: Num): boolean => (isT(a) ? bool(a.le(b)) : isT(b) ? bool(b.ge(a)) : a <= b);
const gt = (a: Num, b: Num): boolean => lt(b, a);
const ge = (a: Num, b: Num): boolean => le(b, a);
const abs = (a: Num): Num => (isT(a) ? a.abs() : Math.abs(a));
/** Python's min(a, b) and max(a, b): the first unless the second is strictly smaller (larger). */
const pyMin = (a: Num, b: Num): Num => (lt(b, a) ? b : a);
const pyMax = (a: Num, b: Num): Num => (gt(b, a) ? b : a);
/** Python's float(x) (a loss, an alpha argument). */
const float = (x: unknown): number => (x instanceof Tensor ? (x.item() as number) : (x as number));

function cubicInterpolate(x1: Num, f1: Num, g1: Num, x2: Num, f2: Num, g2: Num, bounds?: [Num, Num]): Num {
  const [xminBound, xmaxBound] = bounds ?? (le(x1, x2) ? [x1, x2] : [x2, x1]);
  const d1 = sub(add(g1, g2), div(mul(3, sub(f1, f2)), sub(x1, x2)));
  const d2Square = sub(isT(d1) ? d1.pow(2) : d1 * d1, mul(g1, g2));
  if (ge(d2Square, 0)) {
    const d2 = isT(d2Square) ? d2Square.sqrt() : Math.sqrt(d2Square);
    const minPos = le(x1, x2)
      ? sub(x2, mul(sub(x2, x1), div(sub(add(g2, d2), d1), add(sub(g2, g1), mul(2, d2)))))
      : sub(x1, mul(sub(x1, x2), div(sub(add(g1, d2), d1), add(sub(g1, g2), mul(2, d2)))));
    return pyMin(pyMax(minPos, xminBound), xmaxBound);
  }
  return div(add(xminBound, xmaxBound), 2.0);
}

type ObjFunc = (x: Tensor[], t: Num, d: Tensor) => [number, Tensor];

function strongWolfe(objFunc: ObjFunc, x: Tensor[], t: Num, d: Tensor, f: number, g: Tensor, gtd: Tensor,
  c1 = 1e-4, c2 = 0.9, toleranceChange = 1e-9, maxLs = 25): [number, Tensor, Num, number] {
  const dNorm = d.abs().max();
  g = g.clone();
  let [fNew, gNew] = objFunc(x, t, d);
  let lsFuncEvals = 1;
  let gtdNew: Num = gNew.dot(d);
  let [tPrev, fPrev, gPrev, gtdPrev]: [Num, number, Tensor, Num] = [0, f, g, gtd];
  let done = false;
  let lsIter = 0;
  let bracket: Num[] = [];
  let bracketF: number[] = [];
  let bracketG: Tensor[] = [];
  let bracketGtd: Num[] = [];
  while (lsIter < maxLs) {
    if (gt(fNew, add(f, mul(mul(c1, t), gtd))) || (lsIter > 1 && fNew >= fPrev)) {
      [bracket, bracketF, bracketG, bracketGtd] = [[tPrev, t], [fPrev, fNew], [gPrev, gNew.clone()], [gtdPrev, gtdNew]];
      break;
    }
    if (le(abs(gtdNew), mul(-c2, gtd))) {
      [bracket, bracketF, bracketG] = [[t], [fNew], [gNew]];
      done = true;
      break;
    }
    if (ge(gtdNew, 0)) {
      [bracket, bracketF, bracketG, bracketGtd] = [[tPrev, t], [fPrev, fNew], [gPrev, gNew.clone()], [gtdPrev, gtdNew]];
      break;
    }
    const minStep = add(t, mul(0.01, sub(t, tPrev)));
    const maxStep = mul(t, 10);
    const tmp = t;
    t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, [minStep, maxStep]);
    tPrev = tmp;
    fPrev = fNew;
    gPrev = gNew.clone();
    gtdPrev = gtdNew;
    [fNew, gNew] = objFunc(x, t, d);
    lsFuncEvals += 1;
    gtdNew = gNew.dot(d);
    lsIter += 1;
  }
  if (lsIter === maxLs) {
    [bracket, bracketF, bracketG] = [[0, t], [f, fNew], [g, gNew]];
  }
  let insufProgress = false;
  let [lowPos, highPos] = bracketF[0] <= bracketF[bracketF.length - 1] ? [0, 1] : [1, 0];
  const bMax = (): Num => pyMax(bracket[0], bracket[1]);
  const bMin = (): Num => pyMin(bracket[0], bracket[1]);
  while (!done && lsIter < maxLs) {
    if (lt(mul(abs(sub(bracket[1], bracket[0])), dNorm), toleranceChange)) break;
    t = cubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1]);
    const eps = mul(0.1, sub(bMax(), bMin()));
    if (lt(pyMin(sub(bMax(), t), sub(t, bMin())), eps)) {
      if (insufProgress || ge(t, bMax()) || le(t, bMin())) {
        t = lt(abs(sub(t, bMax())), abs(sub(t, bMin()))) ? sub(bMax(), eps) : add(bMin(), eps);
        insufProgress = false;
      } else {
        insufProgress = true;
      }
    } else {
      insufProgress = false;
    }
    [fNew, gNew] = objFunc(x, t, d);
    lsFuncEvals += 1;
    gtdNew = gNew.dot(d);
    lsIter += 1;
    if (gt(fNew, add(f, mul(mul(c1, t), gtd))) || fNew >= bracketF[lowPos]) {
      bracket[highPos] = t;
      bracketF[highPos] = fNew;
      bracketG[highPos] = gNew.clone();
      bracketGtd[highPos] = gtdNew;
      [lowPos, highPos] = bracketF[0] <= bracketF[1] ? [0, 1] : [1, 0];
    } else {
      if (le(abs(gtdNew), mul(-c2, gtd))) {
        done = true;
      } else if (ge(mul(gtdNew, sub(bracket[highPos], bracket[lowPos])), 0)) {
        bracket[highPos] = bracket[lowPos];
        bracketF[highPos] = bracketF[lowPos];
        bracketG[highPos] = bracketG[lowPos];
        bracketGtd[highPos] = bracketGtd[lowPos];
      }
      bracket[lowPos] = t;
      bracketF[lowPos] = fNew;
      bracketG[lowPos] = gNew.clone();
      bracketGtd[lowPos] = gtdNew;
    }
  }
  return [bracketF[lowPos], bracketG[lowPos], bracket[lowPos], lsFuncEvals];
}

const spec: OptimizerSpec = {
  call: 'optim.LBFGS',
  name: 'LBFGS',
  options: [
    { name: 'lr', default: 1, check: anyNumber },
    { name: 'maxIter', default: 20, check: (c, n, x) => v.int(c, 'max_iter', x, 1) },
    { name: 'maxEval', default: null, check: (c, n, x) => (x === null ? null : v.int(c, 'max_eval', x, 1)) },
    { name: 'toleranceGrad', default: 1e-7, check: anyNumber, float: true },
    { name: 'toleranceChange', default: 1e-9, check: anyNumber, float: true },
    { name: 'historySize', default: 100, check: (c, n, x) => v.int(c, 'history_size', x, 1) },
    { name: 'lineSearchFn', default: null, check: (c, n, x) => (x === null ? null : v.oneOf(c, 'line_search_fn', x, ['strong_wolfe'])) },
  ],
  positional: ['lr', 'maxIter', 'maxEval', 'toleranceGrad', 'toleranceChange', 'historySize', 'lineSearchFn'],
  checkDefaults(call, d) {
    // max_eval=None is max_iter * 5 // 4, as Python's constructor sets it.
    if (d.maxEval === null) d.maxEval = Math.floor(((d.maxIter as number) * 5) / 4);
  },
};

/**
 * torch.optim.LBFGS(params, lr=1, max_iter=20, max_eval=None, tolerance_grad=1e-7, tolerance_change=1e-9,
 * history_size=100, line_search_fn=None). One param group only; step(closure) runs up to max_iter
 * iterations, re-evaluating the closure (which zeroes the gradients, computes the loss, calls
 * backward and returns the loss) as it needs; it returns the closure's first loss.
 */
export class LBFGS extends Optimizer<LBFGSOptions> {
  readonly _params: Tensor[];
  #numelCache: number | null = null;

  constructor(params: Params<LBFGSOptions>, options?: LBFGSOptions);
  /** Every argument by keyword: `new LBFGS({ params: model.parameters(), lr: 0.5 })`. */
  constructor(options: { params: Params<LBFGSOptions> } & LBFGSOptions);
  constructor(params: Params<LBFGSOptions>, lr: number, options?: Omit<LBFGSOptions, 'lr'>);
  constructor(params: Params<LBFGSOptions>, lr: number, maxIter?: number, maxEval?: number | null, toleranceGrad?: number, toleranceChange?: number, historySize?: number, lineSearchFn?: 'strong_wolfe' | null);
  constructor(params: Params<LBFGSOptions> | ({ params: Params<LBFGSOptions> } & LBFGSOptions), ...args: unknown[]) {
    super(spec, params, args);
    if (this.paramGroups.length !== 1) throw new RangeError("optim.LBFGS: LBFGS doesn't support per-parameter options (parameter groups)");
    this._params = this.paramGroups[0].params;
  }

  protected _updateGroup(_group: ParamGroup<LBFGSOptions>): void {
    throw new TorchError('optim.LBFGS: step() needs a closure');
  }

  _numel(): number {
    this.#numelCache ??= this._params.reduce((total, p) => total + p.numel(), 0);
    return this.#numelCache;
  }

  _gatherFlatGrad(): Tensor {
    const views = this._params.map((p) => {
      const g = p.grad;
      if (g === null) return p.newZeros([p.numel()]);
      if (isSparse(g)) return g.toDense().view(-1);
      return g.view(-1);
    });
    return aten('cat')(views, 0);
  }

  _addGrad(stepSize: Num, update: Tensor): void {
    let offset = 0;
    const alpha = float(stepSize);
    for (const p of this._params) {
      const numel = p.numel();
      p.add_(update.narrow(0, offset, numel).view(p.shape), { alpha });
      offset += numel;
    }
    if (offset !== this._numel()) throw new TorchError('optim.LBFGS: the parameters changed size');
  }

  _cloneParam(): Tensor[] {
    return this._params.map((p) => p.clone());
  }

  _setParam(paramsData: Tensor[]): void {
    this._params.forEach((p, i) => p.copy_(paramsData[i]));
  }

  _directionalEvaluate(closure: () => unknown, x: Tensor[], t: Num, d: Tensor): [number, Tensor] {
    this._addGrad(t, d);
    const loss = float(closure());
    const flatGrad = this._gatherFlatGrad();
    this._setParam(x);
    return [loss, flatGrad];
  }

  /** Runs the optimization for one step() call; the closure is required, as in Python. */
  override step<T = unknown>(closure?: () => T): T | undefined {
    const call = 'optim.LBFGS.step';
    v.func(call, 'closure', closure);
    const prev: boolean = native.isGradEnabled();
    native.setGradEnabled(false);
    try {
      const result = this.#step(closure as () => T);
      this._stepCount++;
      return result;
    } finally {
      native.setGradEnabled(prev);
    }
  }

  #step<T>(userClosure: () => T): T {
    if (this.paramGroups.length !== 1) throw new TorchError("optim.LBFGS: LBFGS doesn't support per-parameter options (parameter groups)");
    const closure = (): T => {
      const prev: boolean = native.isGradEnabled();
      native.setGradEnabled(true);
      try {
        return userClosure();
      } finally {
        native.setGradEnabled(prev);
      }
    };
    const group = this.paramGroups[0];
    const { lr, maxIter, toleranceGrad, toleranceChange, lineSearchFn, historySize } = group;
    const maxEval = group.maxEval as number;
    let state = this.state.get(this._params[0]);
    if (state === undefined) this.state.set(this._params[0], (state = {}));
    const s: ParamState = state;
    s.func_evals ??= 0;
    s.n_iter ??= 0;

    const origLoss = closure();
    let loss = float(origLoss);
    let currentEvals = 1;
    s.func_evals += 1;
    let flatGrad = this._gatherFlatGrad();
    let optCond = le(flatGrad.abs().max(), toleranceGrad);
    if (optCond) return origLoss;

    let d: Tensor = s.d;
    let t: Num = s.t;
    let oldDirs: Tensor[] = s.old_dirs;
    let oldStps: Tensor[] = s.old_stps;
    let ro: Num[] = s.ro;
    let hDiag: Num = s.H_diag;
    let prevFlatGrad: Tensor | undefined | null = s.prev_flat_grad;
    let prevLoss: number = s.prev_loss;

    let nIter = 0;
    while (nIter < maxIter) {
      nIter += 1;
      s.n_iter += 1;
      if (s.n_iter === 1) {
        d = flatGrad.neg();
        oldDirs = [];
        oldStps = [];
        ro = [];
        hDiag = 1;
      } else {
        const y = flatGrad.sub(prevFlatGrad!);
        const sv = d.mul(t);
        const ys = y.dot(sv);
        if (gt(ys, 1e-10)) {
          if (oldDirs.length === historySize) {
            oldDirs.shift();
            oldStps.shift();
            ro.shift();
          }
          oldDirs.push(y);
          oldStps.push(sv);
          ro.push(div(1.0, ys));
          hDiag = ys.div(y.dot(y));
        }
        const numOld = oldDirs.length;
        if (!('al' in s)) s.al = new Array(historySize).fill(null);
        const al: (Num | null)[] = s.al;
        const q = flatGrad.neg();
        for (let i = numOld - 1; i >= 0; i--) {
          al[i] = mul(oldStps[i].dot(q), ro[i]);
          q.add_(oldDirs[i], { alpha: -float(al[i]!) });
        }
        const r = q.mul(hDiag);
        d = r;
        for (let i = 0; i < numOld; i++) {
          const beI = mul(oldDirs[i].dot(r), ro[i]);
          r.add_(oldStps[i], { alpha: float(sub(al[i]!, beI)) });
        }
      }
      if (prevFlatGrad === undefined || prevFlatGrad === null) prevFlatGrad = flatGrad.clone();
      else prevFlatGrad.copy_(flatGrad);
      prevLoss = loss;
      t = s.n_iter === 1 ? mul(pyMin(1.0, div(1.0, flatGrad.abs().sum())), lr) : lr;
      const gtd = flatGrad.dot(d);
      if (gt(gtd, -toleranceChange)) break;
      let lsFuncEvals = 0;
      if (lineSearchFn !== null && lineSearchFn !== undefined) {
        if (lineSearchFn !== 'strong_wolfe') throw new TorchError("only 'strong_wolfe' is supported");
        const xInit = this._cloneParam();
        const objFunc: ObjFunc = (x, tt, dd) => this._directionalEvaluate(closure, x, tt, dd);
        [loss, flatGrad, t, lsFuncEvals] = strongWolfe(objFunc, xInit, t, d, loss, flatGrad, gtd);
        this._addGrad(t, d);
        optCond = le(flatGrad.abs().max(), toleranceGrad);
      } else {
        this._addGrad(t, d);
        if (nIter !== maxIter) {
          loss = float(closure());
          flatGrad = this._gatherFlatGrad();
          optCond = le(flatGrad.abs().max(), toleranceGrad);
          lsFuncEvals = 1;
        }
      }
      currentEvals += lsFuncEvals;
      s.func_evals += lsFuncEvals;
      if (nIter === maxIter) break;
      if (currentEvals >= maxEval) break;
      if (optCond) break;
      if (le(d.mul(t).abs().max(), toleranceChange)) break;
      if (Math.abs(loss - prevLoss) < toleranceChange) break;
    }
    s.d = d;
    s.t = t;
    s.old_dirs = oldDirs;
    s.old_stps = oldStps;
    s.ro = ro;
    s.H_diag = hDiag;
    s.prev_flat_grad = prevFlatGrad;
    s.prev_loss = prevLoss;
    return origLoss;
  }
}

