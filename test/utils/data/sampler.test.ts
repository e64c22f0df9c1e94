// torch.utils.data.WeightedRandomSampler (lib/utils/data/sampler.ts) against Python 1.13 run here: the
// indices after the same seeds (default generator, its own generator, with and without replacement,
// through a DataLoader) and the ValueErrors of its checks.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as torch from '../../../lib';
import { hasPythonTorch } from '../../helpers/fixtures';

const { WeightedRandomSampler, DataLoader, TensorDataset } = torch.utils.data;
const W = [0.1, 0.9, 0.4, 0.7, 3.0, 0.6];

const PYTHON = `
import json, torch
from torch.utils.data import WeightedRandomSampler as S, DataLoader, TensorDataset
W = ${JSON.stringify(W)}
out = {}
torch.manual_seed(0); out['replacement'] = [list(S(W, 5)), list(S(W, 40, replacement=True))]
torch.manual_seed(1); out['no_replacement'] = list(S([0.9, 0.4, 0.05, 0.2, 0.3, 0.1], 5, replacement=False))
g = torch.Generator().manual_seed(7); s = S(torch.tensor(W), 8, generator=g); out['generator'] = [list(s), list(s), len(s)]
torch.manual_seed(3); out['loader'] = [b[0].tolist() for b in DataLoader(TensorDataset(torch.arange(6)), batch_size=4, sampler=S(W, 10))]
errors = []
for args in [(W, 0), (W, 2.5), (W, True), (W, 3, 'yes'), ([[1.0, 2.0]], 3)]:
    try:
        S(*args); errors.append(None)
    except ValueError as e:
        errors.append(str(e))
out['errors'] = errors
print(json.dumps(out))
`;

describe('torch.utils.data.WeightedRandomSampler', () => {
  it.skipIf(!hasPythonTorch())("draws Python's indices under the same seeds and refuses what Python refuses", () => {
    const r = spawnSync('/usr/bin/python3', ['-c', PYTHON], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const py = JSON.parse(r.stdout);
    torch.manualSeed(0);
    expect([[...new WeightedRandomSampler(W, 5)], [...new WeightedRandomSampler(W, 40, true)]]).toEqual(py.replacement);
    torch.manualSeed(1);
    expect([...new WeightedRandomSampler([0.9, 0.4, 0.05, 0.2, 0.3, 0.1], 5, { replacement: false })]).toEqual(py.no_replacement);
    const s = new WeightedRandomSampler(torch.tensor(W), 8, { generator: new torch.Generator().manualSeed(7) });
    expect([[...s], [...s], s.length]).toEqual(py.generator);
    torch.manualSeed(3);
    const loader = new DataLoader(new TensorDataset(torch.arange(6, { dtype: torch.int64 })), { batchSize: 4, sampler: new WeightedRandomSampler({ weights: W, numSamples: 10 }) });
    expect([...loader].map((b) => (b as torch.Tensor[])[0].tolist())).toEqual(py.loader);
    const calls: (() => unknown)[] = [
      () => new WeightedRandomSampler(W, 0),
      () => new WeightedRandomSampler(W, 2.5),
      () => new WeightedRandomSampler(W, true as never),
      () => new WeightedRandomSampler(W, 3, 'yes' as never),
      () => new WeightedRandomSampler([[1, 2]] as never, 3),
    ];
    calls.forEach((f, k) => {
      expect(py.errors[k], String(k)).not.toBeNull();
      expect(f, String(k)).toThrow(`torch.utils.data.WeightedRandomSampler: ${py.errors[k]}`);
    });
  });
});
