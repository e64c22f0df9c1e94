// torch.native_channel_shuffle / F.native_channel_shuffle (lib/functions.ts): Python 1.13's values where
// libtorch's kernel is sound (test/fixtures/gen_examples_port.py: misc.json), and a RangeError, not the
// SIGFPE that kills Python's process, where it divides by zero (found by test/helpers/fuzz.ts seed 7).
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../lib';

const f = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'examples_port', 'misc.json'), 'utf8'));
const F = torch.nn.functional;

describe('native_channel_shuffle', () => {
  it("shuffles as Python's", () => {
    const x = torch.arange(24).float().reshape(1, 6, 2, 2);
    expect(torch.nativeChannelShuffle(x, 2).flatten().tolist()).toEqual(f.shuffle_g2);
    expect(F.nativeChannelShuffle(x, { groups: 3 }).flatten().tolist()).toEqual(f.shuffle_g3);
    expect(torch.nativeChannelShuffle(torch.ones(2, 3), -3).shape).toEqual(f.shuffle_neg);
    expect(() => torch.nativeChannelShuffle(torch.ones(2), 2)).toThrow(f.shuffle_error);
  });
  it('refuses the inputs on which the kernel divides by zero', () => {
    expect(() => torch.nativeChannelShuffle(torch.ones(2, 3), 0)).toThrow(/torch\.native_channel_shuffle: Number of groups to divide channels in must be positive/);
    expect(() => F.nativeChannelShuffle(torch.ones(1, 1), 2)).toThrow(/torch\.native_channel_shuffle: 1 channels in 2 groups leave no channel per group/);
    expect(() => torch.nativeChannelShuffle(torch.empty(0, 3), -1)).toThrow(/torch\.native_channel_shuffle: an input without elements \(sizes \[0, 3\]\)/);
  });
});
