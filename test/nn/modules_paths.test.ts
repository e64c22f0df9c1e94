// torch.nn.modules.<file>.<Class>: Python's paths to the layers (lib/nn/index.ts), which
// torch.serialization.safe_globals lists name (word_language_model in pytorch/examples). The names
// each file defines come from Python 1.13 (test/fixtures/gen_examples_port.py: nn_modules.json).
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../../lib';

const f: Record<string, string[]> = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'examples_port', 'nn_modules.json'), 'utf8'));

describe('torch.nn.modules.<file>', () => {
  it.each(Object.keys(f))('%s has the classes Python defines there, the same as torch.nn has', (file) => {
    const ns = (torch.nn.modules as unknown as Record<string, Record<string, unknown>>)[file];
    expect(ns, file).toBeDefined();
    const missing = f[file].filter((name) => typeof ns[name] !== 'function');
    expect(missing).toEqual([]);
    for (const name of f[file]) if (name in torch.nn) expect(ns[name]).toBe((torch.nn as unknown as Record<string, unknown>)[name]);
  });
  it('has NonDynamicallyQuantizableLinear where Python keeps it', () => {
    expect(torch.nn.modules.linear.NonDynamicallyQuantizableLinear.prototype).toBeInstanceOf(torch.nn.Linear);
  });
});
