// PyTorch's Python calling convention for an ATen operator, derived from its schema alone (what
// Python's own binding generator does): the parameters a Python call sees, how overloads that differ
// only in `out=` merge into one signature, and the order in which overloads are tried.
'use strict';

const TENSOR_OPTIONS = [['dtype', 'ScalarType?'], ['layout', 'Layout?'], ['device', 'Device?'], ['pin_memory', 'bool?']];
const isTensorLike = (type) => /^Tensor\??(\[\d*\])?\??$/.test(type);

const camel = (name) => name.replace(/([a-z0-9])_([a-z0-9])/gi, (_m, a, b) => a + b.toUpperCase());

/** The schema's own tensor-options group: dtype, layout, device, pin_memory, kwarg-only and in order. */
function tensorOptionsAt(schema) {
  const i = schema.args.findIndex((a) => a.name === 'dtype' && a.kwargOnly);
  if (i < 0) return -1;
  return TENSOR_OPTIONS.every(([n, t], k) => schema.args[i + k] && schema.args[i + k].name === n && schema.args[i + k].type === t) ? i : -1;
}

/**
 * The Python signature of one overload, as a function (`method` false: `self` is called `input`) or
 * as a Tensor method (`self` is the tensor the method is called on). Parameters:
 * { name, key (the JS options key), type, kwargOnly, default, arg (the schema index, or an array of
 * them for a tuple `out`, or 'requires_grad') }.
 */
function pythonSignature(schema, method) {
  const params = [];
  const out = schema.args.map((a, i) => [a, i]).filter(([a]) => a.kwargOnly && a.write);
  const topt = tensorOptionsAt(schema);
  const isOut = out.length > 0;
  schema.args.forEach((a, i) => {
    if (method && a.name === 'self' && !a.kwargOnly) return;
    if (a.kwargOnly && a.write) return;  // the out= arguments: one `out` parameter below
    if (topt >= 0 && i >= topt && i < topt + 4) return;  // re-added below, as Python orders them
    const name = a.name === 'self' && !method ? 'input' : a.name;
    params.push({ name, key: camel(name), type: a.type, kwargOnly: a.kwargOnly, default: a.default, arg: i });
  });
  if (isOut) {
    const type = out.length === 1 ? out[0][0].type : `Tensor[${out.length}]`;
    params.push({ name: 'out', key: 'out', type, kwargOnly: true, default: 'None', arg: out.length === 1 ? out[0][1] : out.map(([, i]) => i) });
  }
  const hasTensorInput = schema.args.some((a) => !(a.kwargOnly && a.write) && isTensorLike(a.type));
  const factory = schema.returns.some((r) => isTensorLike(r.type)) && !hasTensorInput;
  const likeOrNew = schema.name.startsWith('new_') || schema.name.endsWith('_like');
  if ((factory || likeOrNew) && topt >= 0) {
    TENSOR_OPTIONS.forEach(([n, t], k) => params.push({ name: n, key: camel(n), type: t, kwargOnly: true, default: 'None', arg: topt + k }));
    params.push({ name: 'requires_grad', key: 'requiresGrad', type: 'bool?', kwargOnly: true, default: 'False', arg: 'requires_grad' });
  }
  return { params, isOut };
}

/** `(Tensor input, Tensor other, *, Scalar alpha=1, Tensor out=None)`, optionally without `out`. */
function signatureString(params, { skipOut = false } = {}) {
  const parts = [];
  let star = false;
  for (const p of params) {
    if (skipOut && p.name === 'out') continue;
    if (p.kwargOnly && !star) { parts.push('*'); star = true; }
    parts.push(`${p.type} ${p.name}${p.default !== undefined ? '=' + p.default : ''}`);
  }
  return `(${parts.join(', ')})`;
}

/** Python tries Tensor before Scalar, int before int[], and Tensor[] after every other list. */
function lowerPriority(t1, t2) {
  return (t1 === 'Scalar' && t2 === 'Tensor') ||
    (/^(Sym)?[Ii]nt\[\d*\]$/.test(t1) && /^(Sym)?[Ii]nt\??$/.test(t2)) ||
    (t1 === 'Tensor[]' && t2.includes('[') && t2 !== 'Tensor[]');
}

function lowerThan(a, b) {
  const x = a.params.filter((p) => p.name !== 'out');
  const y = b.params.filter((p) => p.name !== 'out');
  if (x.length !== y.length) return false;
  let allEqual = true;
  for (let i = 0; i < x.length; i++) {
    if (x[i].type === y[i].type) continue;
    allEqual = false;
    if (!lowerPriority(x[i].type, y[i].type)) return false;
  }
  return !allEqual;
}

/**
 * Overloads as Python offers them: an out= overload joins the overload with the same signature
 * otherwise (one signature, dispatched on whether `out` is given), and the groups are ordered by
 * signature text, then so that no group comes before one it must yield to.
 */
function groupOverloads(entries) {
  const bases = new Map();
  const outs = new Map();
  for (const e of entries) {
    const key = signatureString(e.sig.params, { skipOut: true });
    (e.sig.isOut ? outs : bases).set(key, e);
  }
  const groups = [];
  for (const [key, base] of bases) {
    const out = outs.get(key);
    groups.push({ text: signatureString((out || base).sig.params), params: (out || base).sig.params, base: base.schema, out: out ? out.schema : null });
  }
  // an out= overload whose functional twin Python does not bind is still callable with out=
  for (const [key, out] of outs) {
    if (!bases.has(key)) groups.push({ text: signatureString(out.sig.params), params: out.sig.params, base: null, out: out.schema });
  }
  groups.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  // Kahn's algorithm over "must come after", taking the lowest index first at each step
  const after = groups.map((g, i) => new Set(groups.map((h, j) => j).filter((j) => j !== i && lowerThan(g, groups[j]))));
  const order = [];
  const done = new Set();
  while (order.length < groups.length) {
    const next = after.findIndex((s, i) => !done.has(i) && [...s].every((j) => done.has(j)));
    if (next < 0) throw new Error(`overload order has a cycle: ${groups.map((g) => g.text).join(' | ')}`);
    done.add(next);
    order.push(groups[next]);
  }
  return order;
}

module.exports = { pythonSignature, groupOverloads, signatureString, camel };
