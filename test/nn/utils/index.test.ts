// torch.nn.utils's names (and those of its submodules) against Python 1.13's dir(), run at test time.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import * as torch from '../../../lib';
import { hasPythonTorch } from '../../helpers/fixtures';

// public names of torch.nn.utils and of each submodule, less what they import (torch, typing, ...)
const PYTHON = `
import json, types, inspect, torch
import torch.nn.utils as U, torch.nn.utils.prune, torch.nn.utils.init
out = {}
for path in ['', 'rnn', 'stateless', 'parametrize', 'parametrizations', 'prune', 'fusion', 'clip_grad', 'convert_parameters', 'memory_format', 'init']:
    m = U if path == '' else getattr(U, path)
    names = []
    for n in dir(m):
        if n.startswith('_'): continue
        o = getattr(m, n)
        if isinstance(o, types.ModuleType) and (path or not o.__name__.startswith('torch.nn.utils')): continue
        if not isinstance(o, types.ModuleType) and getattr(o, '__module__', '') and not str(getattr(o, '__module__', '')).startswith('torch.nn.utils'): continue
        if isinstance(o, types.ModuleType) or callable(o): names.append(n)
    out[path] = names
print(json.dumps(out))
`;

// not in torch-node: rnn's PackedSequence_ is the namedtuple base of PackedSequence and
// bind(optional, fn) an internal helper
const MISSING = new Set(['PackedSequence_', 'bind']);
const camel = (s: string): string => (/^[A-Z]/.test(s) ? s : s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()));

describe('torch.nn.utils names', () => {
  it.skipIf(!hasPythonTorch())("has Python 1.13's public functions, classes and submodules (camelCase)", () => {
    const r = spawnSync('/usr/bin/python3', ['-c', PYTHON], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const want = JSON.parse(r.stdout) as Record<string, string[]>;
    const U = torch.nn.utils as unknown as Record<string, Record<string, unknown>>;
    const missing: string[] = [];
    for (const [path, names] of Object.entries(want)) {
      const ns = path === '' ? U : U[camel(path)];
      expect(ns, `nn.utils.${path}`).toBeTypeOf('object');
      // a name with a trailing underscore keeps it (clip_grad_norm_ → clipGradNorm_)
      for (const n of names) if (!MISSING.has(n) && !(camel(n) in ns)) missing.push(`${path || 'utils'}.${n}`);
    }
    expect(missing).toEqual([]);
    expect(want[''].length).toBeGreaterThan(15);
  });
});
