// PyTorch's tensor repr, ported from torch/_tensor_str.py (torch 1.13) so that `String(x)` and
// console.log(x) print exactly what Python's print(x) does: same precision, scientific-notation
// decision, column widths, line wrapping, summarization and suffixes.
import type { Tensor } from './tensor';
import { native } from './native';
import { getDefaultDtype, float16, bfloat16, float32, float64, int64, bool as boolDtype, complex32, complex64, complex128 } from './dtype';
import * as v from './validate';

export interface PrintOptions {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
  sciMode: boolean | null;
}

const DEFAULTS: PrintOptions = { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sciMode: null };
const PROFILES: Record<string, Partial<PrintOptions>> = {
  default: { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 },
  short: { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80 },
  full: { precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 80 },
};
const PRINT_OPTS: PrintOptions = { ...DEFAULTS };

/** torch.set_printoptions({ precision, threshold, edgeitems, linewidth, profile, sciMode }). */
export function setPrintoptions(opts: { precision?: number; threshold?: number; edgeitems?: number; linewidth?: number; profile?: 'default' | 'short' | 'full'; sciMode?: boolean | null }): void {
  const call = 'torch.set_printoptions';
  const o = v.options(call, opts);
  v.knownOptions(call, o, ['precision', 'threshold', 'edgeitems', 'linewidth', 'profile', 'sciMode']);
  if (o.profile !== undefined && o.profile !== null) Object.assign(PRINT_OPTS, PROFILES[v.oneOf(call, 'profile', o.profile, ['default', 'short', 'full'])]);
  if (o.precision !== undefined && o.precision !== null) PRINT_OPTS.precision = v.int(call, 'precision', o.precision, 0);
  if (o.threshold !== undefined && o.threshold !== null) {
    const t = v.number(call, 'threshold', o.threshold);
    if (!(t >= 0)) throw new RangeError(`${call}: threshold must be a non-negative number, got ${t}`);
    PRINT_OPTS.threshold = t;
  }
  if (o.edgeitems !== undefined && o.edgeitems !== null) PRINT_OPTS.edgeitems = v.int(call, 'edgeitems', o.edgeitems, 0);
  if (o.linewidth !== undefined && o.linewidth !== null) PRINT_OPTS.linewidth = v.int(call, 'linewidth', o.linewidth, 1);
  // As in Python, sci_mode is reset to automatic unless given.
  PRINT_OPTS.sciMode = o.sciMode === undefined || o.sciMode === null ? null : v.bool(call, 'sci_mode', o.sciMode);
}

// ---- Python's float formatting ('{:.Nf}', '{:.Ne}'): correctly rounded, ties to even.
// JS toFixed/toExponential round exact ties away from zero, so ties are detected and fixed here.

/** True when the digits after position `keep` of an exact decimal expansion are 5 then zeros. */
function isTie(exact: string, keep: number): boolean {
  return /^50*$/.test(exact.slice(keep));
}

function nonFinite(x: number): string | null {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return null;
}

function sign(x: number): string {
  return x < 0 || Object.is(x, -0) ? '-' : '';
}

/** Python's '{:.{p}f}'.format(x). */
export function formatFixed(x: number, p: number): string {
  const nf = nonFinite(x);
  if (nf) return nf;
  const a = Math.abs(x);
  if (a >= 1e21) return sign(x) + BigInt(Math.round(a)).toString() + (p > 0 ? '.' + '0'.repeat(p) : '');
  let s = a.toFixed(p);
  const exact = a.toFixed(Math.min(100, p + 60));
  const digitsAfter = exact.replace('.', '').slice(exact.indexOf('.') + p);
  if (isTie(digitsAfter, 0)) {
    const truncated = exact.slice(0, exact.indexOf('.') + (p > 0 ? p + 1 : 0));
    const last = Number(truncated.replace('.', '').slice(-1));
    if (last % 2 === 0) s = truncated;
  }
  return sign(x) + s;
}

/** Python's '{:.{p}e}'.format(x): the exponent has a sign and at least two digits. */
export function formatExp(x: number, p: number): string {
  const nf = nonFinite(x);
  if (nf) return nf;
  const a = Math.abs(x);
  let s = a.toExponential(p);
  const exact = a.toExponential(Math.min(100, p + 40));
  const [mant, exp] = exact.split('e');
  const digits = mant.replace('.', '');
  if (isTie(digits, p + 1) && Number(digits[p]) % 2 === 0) s = (p > 0 ? digits[0] + '.' + digits.slice(1, p + 1) : digits[0]) + 'e' + exp;
  const [m, e] = s.split('e');
  const en = Number(e);
  return sign(x) + m + 'e' + (en < 0 ? '-' : '+') + String(Math.abs(en)).padStart(2, '0');
}

// ---- the _Formatter

type Value = number | bigint | boolean;

class Formatter {
  floating: boolean;
  intMode = true;
  sciMode = false;
  maxWidth = 1;

  constructor(floating: boolean, values: ArrayLike<Value>) {
    this.floating = floating;
    if (!floating) {
      for (let i = 0; i < values.length; i++) this.maxWidth = Math.max(this.maxWidth, pyStr(values[i]).length);
    } else {
      const finite: number[] = [];
      for (let i = 0; i < values.length; i++) {
        const x = values[i] as number;
        if (Number.isFinite(x) && x !== 0) finite.push(x);
      }
      if (finite.length > 0) {
        let lo = Infinity;
        let hi = 0;
        for (const x of finite) {
          const a = Math.abs(x);
          if (a < lo) lo = a;
          if (a > hi) hi = a;
          if (x !== Math.ceil(x)) this.intMode = false;
        }
        const p = PRINT_OPTS.precision;
        if (this.intMode) {
          if (hi / lo > 1000 || hi > 1e8) {
            this.sciMode = true;
            for (const x of finite) this.maxWidth = Math.max(this.maxWidth, formatExp(x, p).length);
          } else {
            for (const x of finite) this.maxWidth = Math.max(this.maxWidth, formatFixed(x, 0).length + 1);
          }
        } else if (hi / lo > 1000 || hi > 1e8 || lo < 1e-4) {
          this.sciMode = true;
          for (const x of finite) this.maxWidth = Math.max(this.maxWidth, formatExp(x, p).length);
        } else {
          for (const x of finite) this.maxWidth = Math.max(this.maxWidth, formatFixed(x, p).length);
        }
      }
    }
    if (PRINT_OPTS.sciMode !== null) this.sciMode = PRINT_OPTS.sciMode;
  }

  format(value: Value): string {
    let ret: string;
    if (this.floating) {
      const x = value as number;
      if (this.sciMode) ret = formatExp(x, PRINT_OPTS.precision);
      else if (this.intMode) ret = formatFixed(x, 0) + (Number.isFinite(x) ? '.' : '');
      else ret = formatFixed(x, PRINT_OPTS.precision);
    } else {
      ret = pyStr(value);
    }
    return ret.padStart(this.maxWidth, ' ');
  }
}

function pyStr(x: Value): string {
  if (typeof x === 'boolean') return x ? 'True' : 'False';
  return String(x);
}

// ---- layout over the summarized data
//
// Python walks the tensor and slices it; here the (summarized) elements are read once, and the
// layout walks their shape, putting '...' where a dimension of the full tensor was cut.

interface Data {
  shape: number[]; // shape of the summarized data
  cut: boolean[]; // per dim: was it summarized (full size > 2 * edgeitems)?
}

/** How the elements print: each padded to one width (Python's formatter.width()). */
interface Elements {
  width: number;
  str(i: number): string;
}

function realElements(fmt: Formatter, values: ArrayLike<Value>): Elements {
  return { width: fmt.maxWidth, str: (i) => fmt.format(values[i]) };
}

/**
 * Python's complex elements: the real and imaginary parts each have their own formatter (widths,
 * sci mode), and the imaginary part is written with its sign and a 'j' after the real one.
 */
function complexElements(re: Formatter, reValues: ArrayLike<number>, im: Formatter, imValues: ArrayLike<number>): Elements {
  return {
    width: re.maxWidth + im.maxWidth + 1,
    str(i) {
      const imag = (im.format(imValues[i]) + 'j').trimStart();
      return re.format(reValues[i]) + (imag[0] === '+' || imag[0] === '-' ? '' : '+') + imag;
    },
  };
}

function summarized(t: Tensor, summarize: boolean): { data: Tensor; cut: boolean[] } {
  const shape = t.shape;
  const e = PRINT_OPTS.edgeitems;
  const cut = shape.map((n) => summarize && n > 2 * e);
  let data = t;
  for (let d = 0; d < shape.length; d++) {
    if (cut[d]) data = native.cat([native.narrow(data, d, 0, e), native.narrow(data, d, shape[d] - e, e)], d);
  }
  return { data, cut };
}

function readValues(t: Tensor): ArrayLike<Value> {
  const d = t.dtype;
  if (d === boolDtype) return Array.from(t.toTypedArray() as Uint8Array, (x) => x !== 0);
  return t.toTypedArray() as ArrayLike<number | bigint>;
}

function readElements(t: Tensor): Elements {
  if (!t.dtype.isComplex) {
    const values = readValues(t);
    return realElements(new Formatter(t.dtype.isFloatingPoint, values), values);
  }
  const parts = t.toTypedArray() as Float32Array | Float64Array;
  const Parts = t.dtype === complex128 ? Float64Array : Float32Array;
  const re = new Parts(parts.length / 2);
  const im = new Parts(parts.length / 2);
  for (let i = 0; i < re.length; i++) {
    re[i] = parts[2 * i];
    im[i] = parts[2 * i + 1];
  }
  return complexElements(new Formatter(true, re), re, new Formatter(true, im), im);
}

function vectorStr(data: Data, offset: number, indent: number, fmt: Elements): string {
  const elementLength = fmt.width + 2;
  const perLine = Math.max(1, Math.floor((PRINT_OPTS.linewidth - indent) / elementLength));
  const n = data.shape[data.shape.length - 1];
  const items: string[] = [];
  for (let i = 0; i < n; i++) {
    if (data.cut[data.cut.length - 1] && i === PRINT_OPTS.edgeitems) items.push(' ...');
    items.push(fmt.str(offset + i));
  }
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(', '));
  return '[' + lines.join(',\n' + ' '.repeat(indent + 1)) + ']';
}

function tensorStrWith(data: Data, dim: number, offset: number, indent: number, fmt: Elements): string {
  const ndim = data.shape.length - dim;
  if (ndim === 0) return fmt.str(offset);
  if (ndim === 1) return vectorStr(data, offset, indent, fmt);
  const stride = data.shape.slice(dim + 1).reduce((a, b) => a * b, 1);
  const slices: string[] = [];
  for (let i = 0; i < data.shape[dim]; i++) {
    if (data.cut[dim] && i === PRINT_OPTS.edgeitems) slices.push('...');
    slices.push(tensorStrWith(data, dim + 1, offset + i * stride, indent + 1, fmt));
  }
  return '[' + slices.join(',' + '\n'.repeat(ndim - 1) + ' '.repeat(indent + 1)) + ']';
}

function tensorStr(t: Tensor, indent: number): string {
  if (t.numel() === 0) return '[]';
  const summarize = t.numel() > PRINT_OPTS.threshold;
  if (t.dtype === float16 || t.dtype === bfloat16) t = native.to(t, float32.code, null, false);
  if (t.dtype === complex32) t = native.to(t, complex64.code, null, false);
  const { data, cut } = summarized(t, summarize);
  return tensorStrWith({ shape: data.shape, cut }, 0, 0, indent, readElements(data));
}

function addSuffixes(str: string, suffixes: string[], indent: number, forceNewline = false): string {
  const parts = [str];
  let lastLineLen = str.length - str.lastIndexOf('\n') + 1;
  for (const suffix of suffixes) {
    if (forceNewline || lastLineLen + suffix.length + 2 > PRINT_OPTS.linewidth) {
      parts.push(',\n' + ' '.repeat(indent) + suffix);
      lastLineLen = indent + suffix.length;
      forceNewline = false;
    } else {
      parts.push(', ' + suffix);
      lastLineLen += suffix.length + 2;
    }
  }
  parts.push(')');
  return parts.join('');
}

/** Python's repr(tensor). */
export function tensorRepr(t: Tensor): string {
  // No Python counterpart: printing a disposed tensor must not throw from inside console.log.
  if (native.isDisposed(t)) return 'tensor(<disposed>)';
  const prefix = 'tensor(';
  const indent = prefix.length;
  const suffixes: string[] = [];
  // Python prints the device whenever it is not the default (CPU) one.
  const device = String(t.device);
  if (device !== 'cpu') suffixes.push(`device='${device}'`);
  const dtype = t.dtype;
  const defaultComplex = getDefaultDtype() === float64 ? complex128 : complex64;
  const hasDefaultDtype = dtype === getDefaultDtype() || dtype === defaultComplex || dtype === int64 || dtype === boolDtype;
  let body: string;
  const detached = native.detach(t) as Tensor;
  if (t.isSparse) {
    // A COO tensor has no strided data of its own: its indices and values are printed (Python's _str_intern).
    suffixes.push('size=' + pyTuple(t.shape));
    if (!t.isMeta) suffixes.push('nnz=' + t._nnz());
    if (!hasDefaultDtype) suffixes.push(`dtype=${dtype}`);
    const part = (name: string, x: Tensor): string => {
      const p = name + '=tensor(';
      const str = tensorStr(native.detach(x) as Tensor, indent + p.length);
      return p + str + (x.numel() === 0 ? ', size=' + pyTuple(x.shape) : '') + ')';
    };
    body = part('indices', t._indices()) + ',\n' + ' '.repeat(indent) + part('values', t._values());
  } else if (t.isMeta) {
    // a meta tensor has no elements to print
    suffixes.push('size=' + pyTuple(t.shape));
    if (dtype !== getDefaultDtype()) suffixes.push(`dtype=${dtype}`);
    body = '...';
  } else if (t.numel() === 0) {
    if (t.dim() !== 1) suffixes.push('size=' + pyTuple(t.shape));
    if (dtype !== getDefaultDtype()) suffixes.push(`dtype=${dtype}`);
    body = '[]';
  } else {
    if (!hasDefaultDtype) suffixes.push(`dtype=${dtype}`);
    body = tensorStr(detached, indent);
  }
  if (t.isSparse) suffixes.push(`layout=${t.layout}`);
  const gradFn: string | null = native.gradFn(t);
  if (gradFn !== null) suffixes.push(`grad_fn=<${gradFn.split('::').pop()}>`);
  else if (t.requiresGrad) suffixes.push('requires_grad=True');
  return addSuffixes(prefix + body, suffixes, indent, t.isSparse);
}

function pyTuple(shape: number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}
