// Tensor.fill_ with a 0-dim tensor value (Python's fill_.Tensor overload; word_language_model's
// generate.py fills the input with a sampled index), against Python 1.13 (gen_examples_port.py: misc.json).
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../../lib';

const f = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'examples_port', 'misc.json'), 'utf8'));

describe('Tensor.fill_(tensor)', () => {
  it("fills with a 0-dim tensor's value, converted to the tensor's dtype", () => {
    expect(torch.zeros(2, 2).fill_(torch.tensor(3.5)).tolist()).toEqual(f.fill_float);
    expect(torch.zeros(2, { dtype: torch.int64 }).fill_(torch.tensor(2.7)).tolist()).toEqual(f.fill_int64);
  });
  it('refuses a tensor of more dimensions as libtorch does, and other values by name', () => {
    expect(() => torch.zeros(2, 2).fill_(torch.ones(2))).toThrow(f.fill_error);
    expect(() => torch.zeros(2).fill_('x' as never)).toThrow(/torch\.Tensor\.fill_: value must be a number or a 0-dim tensor/);
  });
});
