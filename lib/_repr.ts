// Python's repr of the values that appear in module, optimizer and transform reprs, so that
// String(x) reads exactly as Python's print(x).

/** Python's repr of a float: `0.5`, `1.0`, `1e-05`, `0.0001`, `-0.0`, `inf`. */
export function pyFloat(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  // JS and Python both print the shortest digits that round-trip; only the layout differs.
  const [mant, expStr] = x.toExponential().split('e');
  const exp = Number(expStr);
  if (exp < -4 || exp >= 16) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  const s = String(x);
  return s.includes('.') ? s : s + '.0';
}

/** Python's repr of an option value: True/False/None, ints, tuples for arrays. */
export function pyRepr(x: unknown): string {
  if (x === null || x === undefined) return 'None';
  if (typeof x === 'boolean') return x ? 'True' : 'False';
  if (Array.isArray(x)) return x.length === 1 ? `(${pyRepr(x[0])},)` : `(${x.map(pyRepr).join(', ')})`;
  return String(x);
}
