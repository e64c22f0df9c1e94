// nn.Transformer's generate_square_subsequent_mask, a staticmethod Python also reaches through an
// instance (language_translation: self.transformer.generate_square_subsequent_mask(sz)). Against
// Python 1.13 (test/fixtures/gen_examples_port.py: misc.json).
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../../lib';

const f = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'examples_port', 'misc.json'), 'utf8'));

describe('nn.Transformer.generateSquareSubsequentMask', () => {
  it('is reached through an instance as through the class', () => {
    const tr = new torch.nn.Transformer({ dModel: 8, nhead: 2, numEncoderLayers: 1, numDecoderLayers: 1, dimFeedforward: 16 });
    for (const mask of [tr.generateSquareSubsequentMask(4), torch.nn.Transformer.generateSquareSubsequentMask(4)]) {
      expect(mask.eq(-Infinity).tolist()).toEqual(f.square_mask_inf);
      expect(mask.eq(0).tolist()).toEqual(f.square_mask_zero);
    }
    expect(() => tr.generateSquareSubsequentMask(-1)).toThrow(/nn\.Transformer\.generate_square_subsequent_mask: sz must be a non-negative integer/);
  });
});
