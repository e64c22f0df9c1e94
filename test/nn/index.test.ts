// torch.nn's names against Python 1.13's, read at test time: torch.nn.modules.__all__, nn.Module's
// public methods, torch.nn.functional's and torch.nn.init's public functions (camelCase here).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import * as torch from '../../lib';
import { hasPythonTorch } from '../helpers/fixtures';

const PYTHON = `
import json, types, torch
import torch.nn as nn, torch.nn.functional as F, torch.nn.init as I
def public(m, prefix):
    out = []
    for n in dir(m):
        o = getattr(m, n)
        if n.startswith('_') or isinstance(o, types.ModuleType) or not callable(o): continue
        if not str(getattr(o, '__module__', '') or '').startswith(prefix) and not type(o).__name__ == 'builtin_function_or_method': continue
        out.append(n)
    return out
print(json.dumps({
    'modules': list(nn.modules.__all__),
    'Module': [n for n in dir(nn.Module) if not n.startswith('_') and callable(getattr(nn.Module, n))],
    'functional': [n for n in public(F, 'torch') if n not in ('Callable', 'Optional', 'List', 'Tuple', 'Union', 'Tensor', 'DType', 'boolean_dispatch', 'handle_torch_function', 'has_torch_function', 'has_torch_function_unary', 'has_torch_function_variadic')],
    'init': public(I, 'torch.nn.init'),
}))
`;

// not in torch-node: Module.ipu/xpu (devices libtorch 1.13 on this platform has no support for) and
// share_memory (no shared-memory tensors: torch-node's multiprocessing does not pass tensors by
// storage); F.assert_int_or_pair is an internal helper of functional.py left public
const MISSING: Record<string, string[]> = { Module: ['ipu', 'xpu', 'share_memory'], functional: ['assert_int_or_pair'] };
const camel = (s: string): string => (/^[A-Z]/.test(s) ? s : s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()));

describe('torch.nn names', () => {
  it.skipIf(!hasPythonTorch())("has Python 1.13's modules, Module methods, functional and init functions (camelCase)", () => {
    const r = spawnSync('/usr/bin/python3', ['-c', PYTHON], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const want = JSON.parse(r.stdout) as Record<string, string[]>;
    const where: Record<string, object> = { modules: torch.nn, Module: torch.nn.Module.prototype, functional: torch.nn.functional, init: torch.nn.init };
    const missing: string[] = [];
    for (const [area, names] of Object.entries(want)) {
      // a name with a trailing underscore keeps it (kaiming_uniform_ → kaimingUniform_)
      for (const n of names) if (!(MISSING[area] ?? []).includes(n) && !(camel(n) in where[area])) missing.push(`${area}.${n}`);
    }
    expect(missing).toEqual([]);
    expect([want.modules.length, want.Module.length, want.functional.length, want.init.length]).toEqual([154, 43, 126, 26]);
  });
});
