// The out= parity tests of the hand-written torch.* functions (test/functions_out.test.ts,
// test/functions_options.test.ts): each case's Python call runs in Python 1.13 with out= set to a tensor
// (or a tuple) `r` made by a Python expression, and the torch-node twin must return the very tensors it
// was given, holding Python's dtypes, shapes and values; the error cases must throw libtorch's message,
// and the refused ones the TypeError Python raises too (torch-node's own message, checked as given).
import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import type { Tensor } from '../../lib';

type Got = Tensor | Tensor[];
/** [Python expression for r, the Python call, the same call in torch-node: () => [r, what it returned]]. */
export type OutCase = [string, string, () => [Got, Got]];
/** [Python call that raises a RuntimeError, the torch-node call]. */
export type ErrorCase = [string, () => unknown];
/** [Python call that raises a TypeError, the torch-node call, the message torch-node gives]. */
export type RefusedCase = [string, () => unknown, string];

const PYTHON = `
import json, sys, torch
exec(sys.argv[1])
cases = json.loads(input()); errors = json.loads(input()); refused = json.loads(input()); out = {'cases': [], 'errors': [], 'refused': []}
for init, call in cases:
    r = eval(init); ret = eval(call)
    rs, rets = (list(r), list(ret)) if isinstance(r, tuple) else ([r], [ret])
    out['cases'].append({'same': all(x is y for x, y in zip(rets, rs)), 'outs': [[str(t.dtype), list(t.shape), t.flatten().tolist()] for t in rs]})
for kind, calls, exc in (('errors', errors, RuntimeError), ('refused', refused, TypeError)):
    for call in calls:
        try:
            eval(call); out[kind].append(None)
        except exc as e:
            out[kind].append(str(e))
print(json.dumps(out))
`;

const describeTensor = (t: Tensor) => [String(t.dtype), t.shape, t.flatten().tolist()];
const list = (g: Got): Tensor[] => (Array.isArray(g) ? g : [g]);

/** Runs the cases in Python (after `setup`, which defines their inputs) and expects torch-node to agree. */
export function expectOutParity(setup: string, cases: OutCase[], errors: ErrorCase[], refused: RefusedCase[] = []): void {
  const input = [cases.map(([init, call]) => [init, call]), errors.map(([call]) => call), refused.map(([call]) => call)].map((x) => JSON.stringify(x)).join('\n') + '\n';
  const r = spawnSync('/usr/bin/python3', ['-c', PYTHON, setup], { encoding: 'utf8', input });
  expect(r.status, r.stderr).toBe(0);
  const python = JSON.parse(r.stdout) as { cases: { same: boolean; outs: unknown[] }[]; errors: (string | null)[]; refused: (string | null)[] };
  cases.forEach(([, call, js], k) => {
    const [out, ret] = js().map(list);
    expect(python.cases[k].same, call).toBe(true);
    expect(ret.length === out.length && ret.every((t, i) => t === out[i]), call).toBe(true);
    expect(out.map(describeTensor), call).toEqual(python.cases[k].outs);
  });
  errors.forEach(([call, js], k) => {
    expect(python.errors[k], call).not.toBeNull();
    expect(js, call).toThrow(python.errors[k]!);
  });
  refused.forEach(([call, js, message], k) => {
    expect(python.refused[k], call).not.toBeNull();
    expect(js, call).toThrow(message);
  });
}
