#!/usr/bin/env node
// The op layer's generator (run by `npm run build:native` after the addon is built, so the layer
// follows the libtorch it was built against): reads every operator schema from the addon's
// dispatcher (native/dispatch.cc), keeps the operators Python binds (python_bindings.json), and
// writes lib/_C/generated/:
//   ops.ts     the table lib/_C/arg_parser.ts binds calls with: per namespace and JS name, the
//              overload groups in Python's order, their parameters and the schemas they call;
//   torch.ts, linalg.ts, fft.ts, special.ts, nn.ts   typed exports of the functions;
//   tensor_methods.ts   the typed interface of the Tensor methods (installed on Tensor.prototype).
// Names that lib/ writes by hand (lib/index.ts's exports, the Tensor class's members) are left out:
// the hand-written version is the one users get.
//
//   node scripts/codegen/generate.js [path/to/torch_node.node]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { parseSchema } = require('./schema');
const { pythonSignature, groupOverloads, camel } = require('./python_signature');

const root = path.resolve(__dirname, '..', '..');
const outDir = path.join(root, 'lib', '_C', 'generated');
const bindings = require('./python_bindings.json');

// Types a JS call can give: the overloads with any other (named tensors' Dimname, Storage, Stream,
// complex numbers, TorchScript's generic types) are not bound.
const TS_TYPES = {
  Tensor: 'Tensor', 'Tensor?': 'Tensor | null', 'Tensor[]': 'Tensor[]', 'Tensor?[]': '(Tensor | null)[]',
  int: 'number | bigint', 'int?': 'number | bigint | null', SymInt: 'number | bigint', 'SymInt?': 'number | bigint | null',
  float: 'number', 'float?': 'number | null', bool: 'boolean', 'bool?': 'boolean | null',
  Scalar: 'Scalar | Tensor', 'Scalar?': 'Scalar | Tensor | null', 'Scalar[]': 'number[]',
  str: 'string', 'str?': 'string | null',
  ScalarType: 'DType', 'ScalarType?': 'DType | null', 'Layout?': 'Layout | null', Layout: 'Layout',
  Device: 'DeviceLike', 'Device?': 'DeviceLike | null', 'MemoryFormat?': 'MemoryFormat | null', MemoryFormat: 'MemoryFormat',
  'Generator?': 'Generator | null', 'float[]': 'number[]', 'float[]?': 'number[] | null',
};
function tsType(type) {
  if (TS_TYPES[type]) return TS_TYPES[type];
  let m = /^(int|SymInt)\[(\d*)\](\?)?$/.exec(type);
  if (m) return (m[2] ? 'number | number[]' : 'number[]') + (m[3] ? ' | null' : '');
  m = /^bool\[\d+\]$/.exec(type);
  if (m) return 'boolean[]';
  m = /^Tensor\[\d+\]$/.exec(type);  // a tuple `out`
  if (m) return 'Tensor[]';
  return null;
}
const RETURN_TYPES = { Tensor: 'Tensor', 'Tensor[]': 'Tensor[]', bool: 'boolean', int: 'number', SymInt: 'number', float: 'number', Scalar: 'number', ScalarType: 'DType', str: 'string', 'int[]': 'number[]', 'SymInt[]': 'number[]', 'Tensor?': 'Tensor | null' };

/** The namespaces Python binds an operator in, each with the JS name. */
function placesOf(name, b) {
  const places = [];
  const strip = (prefix) => (name.startsWith(prefix) ? name.slice(prefix.length) : name);
  if (b.module === 'nn') places.push(['nn', camel(name), false]);
  if (b.module === 'linalg') places.push(['linalg', camel(strip('linalg_')), false]);
  if (b.module === 'fft') places.push(['fft', camel(strip('fft_')), false]);
  if (b.module === 'special') places.push(['special', camel(strip('special_')), false]);
  if (b.function) places.push(['torch', camel(name), false]);
  if (b.method || b.property) places.push(['Tensor', camel(name), true]);
  return places;
}

/** Names lib/index.ts exports by hand (directly, or from the modules it re-exports with `export *`). */
function handWrittenTorchNames() {
  const names = new Set();
  const index = fs.readFileSync(path.join(root, 'lib', 'index.ts'), 'utf8');
  for (const m of index.matchAll(/^export (?:type )?\{([^}]*)\}/gm)) {
    for (const item of m[1].split(',')) names.add(item.trim().split(/\s+as\s+/).pop());
  }
  for (const m of index.matchAll(/^export \* as (\w+)/gm)) names.add(m[1]);
  for (const m of index.matchAll(/^export \* from '\.\/([\w/]+)'/gm)) {
    if (m[1].startsWith('_C/')) continue;  // the generated module itself
    const file = path.join(root, 'lib', `${m[1]}.ts`);
    const src = fs.readFileSync(file, 'utf8');
    for (const e of src.matchAll(/^export (?:const|function|class|let) (\w+)/gm)) names.add(e[1]);
    for (const e of src.matchAll(/^export \{([^}]*)\}/gm)) {
      for (const item of e[1].split(',')) names.add(item.trim().split(/\s+as\s+/).pop());
    }
  }
  return names;
}

/** The Tensor class's own members (methods, getters and setters) in lib/tensor.ts. */
function handWrittenTensorMembers() {
  const src = fs.readFileSync(path.join(root, 'lib', 'tensor.ts'), 'utf8');
  const body = src.slice(src.indexOf('export class Tensor'));
  const end = body.search(/^\}/m);
  return new Set([...body.slice(0, end).matchAll(/^ {2}(?:get |set |static |protected |private )?([A-Za-z_$][\w$]*)\s*[(<]/gm)].map((m) => m[1]));
}

function loadSchemas(addonPath) {
  const addon = require(addonPath);
  return addon.opSchemas().map(parseSchema).filter((s) => s.namespace === 'aten');
}

const qualified = (s) => (s.overload ? `${s.name}.${s.overload}` : s.name);

/** For each result: the schema index of the argument it returns (in place or out=), or -1. */
function returnAliases(schema) {
  return schema.returns.map((r) => (r.write ? schema.args.findIndex((a) => a.write === r.write) : -1));
}

function main() {
  const addonPath = path.resolve(process.argv[2] || path.join(root, 'build', 'Release', 'torch_node.node'));
  const schemas = loadSchemas(addonPath);
  const hidden = new Set(bindings.hiddenOverloads);
  const byName = new Map();
  for (const s of schemas) {
    if (!bindings.ops[s.name] || hidden.has(qualified(s))) continue;
    if (s.args.some((a) => a.name !== 'out' && !(a.kwargOnly && a.write) && tsType(a.type) === null)) continue;
    if (s.returns.some((r) => !RETURN_TYPES[r.type])) continue;
    if (!byName.has(s.name)) byName.set(s.name, []);
    byName.get(s.name).push(s);
  }

  const skip = { torch: handWrittenTorchNames(), Tensor: handWrittenTensorMembers() };
  const table = { torch: {}, Tensor: {}, nn: {}, linalg: {}, fft: {}, special: {} };
  const pyNames = {};
  let overloads = 0;
  for (const [name, list] of [...byName].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (name.startsWith('__')) continue;  // Python's operator dunders: JS has no operators to overload
    for (const [ns, jsName, method] of placesOf(name, bindings.ops[name])) {
      if (skip[ns] && skip[ns].has(jsName)) continue;
      const entries = list
        .map((schema) => ({ schema, sig: pythonSignature(schema, method) }))
        // a method is an overload whose `self` is a Tensor; Python's methods take no out=
        .filter((e) => !method || (e.schema.args.some((a) => a.name === 'self' && !a.kwargOnly && a.type === 'Tensor') && !e.sig.isOut));
      if (entries.length === 0) continue;
      const key = `${ns}.${jsName}`;
      if (table[ns][jsName]) throw new Error(`${key}: both ${pyNames[key]} and ${name} map to this JS name`);
      pyNames[key] = name;
      table[ns][jsName] = { py: name, groups: groupOverloads(entries), ...(ns === 'Tensor' && bindings.ops[name].property ? { property: true } : {}) };
      overloads += list.length;
    }
  }

  fs.mkdirSync(outDir, { recursive: true });
  const version = require(addonPath).buildInfo().libtorchVersion;
  const header = `// generated by scripts/codegen/generate.js from the operator schemas of libtorch ${version} — do not edit\n`;
  write('ops.ts', header + emitTable(table));
  for (const ns of ['torch', 'linalg', 'fft', 'special', 'nn']) write(`${ns}.ts`, header + emitFunctions(ns, table[ns]));
  write('tensor_methods.ts', header + emitMethods(table.Tensor));
  const count = (ns) => Object.keys(table[ns]).length;
  console.log(`torch-node: generated the op layer from ${schemas.length} aten schemas: ${count('torch')} torch functions, ${count('Tensor')} Tensor methods, ${count('linalg')} linalg, ${count('fft')} fft, ${count('special')} special, ${count('nn')} nn (${overloads} overload bindings)`);
}

function write(file, text) {
  const p = path.join(outDir, file);
  if (fs.existsSync(p) && fs.readFileSync(p, 'utf8') === text) return;  // keep mtimes: tsc and vitest caches
  fs.writeFileSync(p, text);
}

// ---- the table: one line per overload group
function emitTable(table) {
  const lines = ["import type { OpTable } from '../arg_parser';", '', 'export const OPS: OpTable = {'];
  for (const [ns, ops] of Object.entries(table)) {
    lines.push(`  ${ns}: {`);
    for (const [jsName, op] of Object.entries(ops)) {
      lines.push(`    ${JSON.stringify(jsName)}: { py: ${JSON.stringify(op.py)},${op.property ? ' property: true,' : ''} groups: [`);
      for (const g of op.groups) {
        const params = g.params.map((p) => [p.name, p.key, p.type, p.kwargOnly ? 1 : 0, p.default === undefined ? null : p.default, p.arg]);
        const call = (s) => (s ? [qualified(s), returnAliases(s), s.returns.map((r) => r.type), s.returns.every((r) => r.name) && s.returns.length > 1 ? s.returns.map((r) => r.name) : null] : null);
        lines.push(`      { text: ${JSON.stringify(g.text)}, params: ${JSON.stringify(params)}, base: ${JSON.stringify(call(g.base))}, out: ${JSON.stringify(call(g.out))} },`);
      }
      lines.push('    ] },');
    }
    lines.push('  },');
  }
  lines.push('};', '');
  return lines.join('\n');
}

// ---- typings
function returnType(s) {
  if (!s) return 'Tensor';
  if (s.returns.length === 0) return 'void';
  const types = s.returns.map((r) => RETURN_TYPES[r.type]);
  if (types.length === 1) return types[0];
  const tuple = `[${types.join(', ')}]`;
  if (!s.returns.every((r) => r.name)) return tuple;
  return `${tuple} & { ${s.returns.map((r, i) => `${r.name}: ${types[i]}`).join('; ')} }`;
}

/**
 * The TS call signatures of a group: the options object may follow any number of the optional
 * positional parameters (`topk(x, 2, { largest: false })` and `topk(x, 2, 0, false)`), so there is one
 * signature per such number.
 */
function signatureDecls(g) {
  const positional = g.params.filter((p) => !p.kwargOnly);
  let required = positional.length;
  while (required > 0 && positional[required - 1].default !== undefined) required--;
  // every parameter may also be given by name, as in Python
  const opts = g.params.filter((p) => p.kwargOnly || p.default !== undefined).map((p) => `${jsIdent(p.key)}?: ${tsType(p.type)}`);
  const ret = g.base ? returnType(g.base) : returnType(g.out);
  const decls = [];
  for (let n = required; n <= positional.length; n++) {
    const args = positional.slice(0, n).map((p) => `${jsIdent(p.key)}: ${tsType(p.type)}`);
    if (opts.length) args.push(`options?: { ${opts.join('; ')} }`);
    decls.push(`(${args.join(', ')}): ${ret}`);
  }
  return decls;
}

const RESERVED = new Set(['function', 'default', 'var', 'new', 'in', 'delete', 'case', 'return', 'this', 'class', 'const', 'enum', 'export', 'import', 'super', 'switch', 'typeof', 'void', 'with', 'yield', 'let', 'static', 'interface', 'package', 'private', 'protected', 'public', 'finally', 'for', 'if', 'else', 'while', 'do', 'try', 'catch', 'throw', 'break', 'continue', 'debugger', 'instanceof', 'extends', 'implements']);
const jsIdent = (k) => (RESERVED.has(k) ? `${k}_` : k);

const TYPE_IMPORTS = "import type { Tensor, Scalar } from '../../tensor';\nimport type { DType } from '../../dtype';\nimport type { DeviceLike } from '../../device';\nimport type { Generator } from '../../generator';\nimport type { Layout, MemoryFormat } from '../layout';\n";

function emitFunctions(ns, ops) {
  const lines = [TYPE_IMPORTS + "import { opFunction } from '../arg_parser';", "import { OPS } from './ops';", ''];
  for (const [jsName, op] of Object.entries(ops)) {
    const overloadsDecl = op.groups.flatMap((g) => signatureDecls(g).map((d) => `  ${d};`)).join('\n');
    const exported = RESERVED.has(jsName) ? `${jsName}_` : jsName;
    lines.push(`/** torch${ns === 'torch' ? '' : '.' + ns}.${op.py.replace(/^(linalg|fft|special)_/, '')} */`);
    lines.push(`const ${exported}: {\n${overloadsDecl}\n} = opFunction(${JSON.stringify(ns)}, ${JSON.stringify(jsName)}, OPS.${ns}[${JSON.stringify(jsName)}]) as never;`);
    lines.push(RESERVED.has(jsName) ? `export { ${exported} as ${jsName} };` : `export { ${exported} };`);
  }
  lines.push('');
  return lines.join('\n');
}

function emitMethods(ops) {
  const lines = [TYPE_IMPORTS, '/** The Tensor methods of the op layer: installed on Tensor.prototype by lib/_C/index.ts. */', 'export interface GeneratedTensorMethods {'];
  for (const [jsName, op] of Object.entries(ops)) {
    if (op.property) lines.push(`  readonly ${JSON.stringify(jsName)}: ${returnType(op.groups[0].base)};`);
    else for (const g of op.groups) for (const d of signatureDecls(g)) lines.push(`  ${JSON.stringify(jsName)}${d};`);
  }
  lines.push('}', '');
  return lines.join('\n');
}

main();
