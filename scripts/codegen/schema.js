// Reads an operator schema as libtorch prints it (the dispatcher's table, native.opSchemas()):
//   aten::max.dim_max(Tensor self, int dim, bool keepdim=False, *, Tensor(a!) max, Tensor(b!) max_values)
//     -> (Tensor(a!) values, Tensor(b!) indices)
// into { name, overload, args: [{ name, type, default, kwargOnly, write }], returns: [{ name, type, write }] }
// (`write`: see parseType).
// `type` is the schema's type without alias annotations ('Tensor', 'Tensor?', 'int[2]', 'Tensor?[]');
// `default` is the default's text as the schema prints it, or undefined when there is none.
'use strict';

/** Splits `s` at the commas that are not inside brackets, parentheses or quotes. */
function splitTopLevel(s) {
  const parts = [];
  let depth = 0;
  let quote = null;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = s.slice(start).trim();
  if (last) parts.push(last);
  return parts;
}

/**
 * `Tensor(a!)[]` → { type: 'Tensor[]', write: 'a' }; `Tensor(a -> *)` → { type: 'Tensor', write: null }:
 * `write` names the alias set of an argument the op writes to (in place or out=), which a result
 * with the same set returns.
 */
function parseType(text) {
  const alias = /\(([^)]*)\)/.exec(text);
  const write = alias && alias[1].includes('!') ? alias[1].replace('!', '').trim() : null;
  return { type: text.replace(/\([^)]*\)/g, '').trim(), write };
}

/** One declaration `Type name=default` (returns may be a bare type). */
function parseDecl(text) {
  const eq = indexOfTopLevel(text, '=');
  const decl = eq < 0 ? text : text.slice(0, eq).trim();
  const dflt = eq < 0 ? undefined : text.slice(eq + 1).trim();
  // the name is the last identifier, unless the declaration is a bare type ending in ')' or ']' or '?'
  const m = /^(.*\S)\s+([A-Za-z_]\w*)$/.exec(decl);
  const { type, write } = parseType(m ? m[1] : decl);
  return { name: m ? m[2] : undefined, type, default: dflt, write };
}

function indexOfTopLevel(s, ch) {
  let depth = 0;
  let quote = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ch && depth === 0) return i;
  }
  return -1;
}

function parseSchema(text) {
  const open = text.indexOf('(');
  const full = text.slice(0, open);
  let depth = 0;
  let close = -1;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) { close = i; break; }
  }
  if (open < 0 || close < 0) throw new Error(`cannot read the schema ${text}`);
  const [ns, qualified] = full.split('::');
  const dot = qualified.indexOf('.');
  const name = dot < 0 ? qualified : qualified.slice(0, dot);
  const overload = dot < 0 ? '' : qualified.slice(dot + 1);
  const args = [];
  let kwargOnly = false;
  for (const part of splitTopLevel(text.slice(open + 1, close))) {
    if (part === '*') { kwargOnly = true; continue; }
    if (part === '...') continue;  // varargs of a few prim ops: none of Python's bound ops
    const d = parseDecl(part);
    args.push({ name: d.name, type: d.type, default: d.default, kwargOnly, write: d.write });
  }
  let ret = text.slice(close + 1).trim().replace(/^->\s*/, '');
  if (ret.startsWith('(') && ret.endsWith(')')) ret = ret.slice(1, -1);
  const returns = ret === '' ? [] : splitTopLevel(ret).map((r) => {
    const d = parseDecl(r);
    return { name: d.name, type: d.type, write: d.write };
  });
  return { namespace: ns, name, overload, args, returns, text };
}

module.exports = { parseSchema, splitTopLevel };
