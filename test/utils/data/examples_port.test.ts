// DataLoader(dataset=...) as super_resolution calls it, and the torch.utils.data.distributed path of
// DistributedSampler as imagenet spells it (lib/utils/data). Against Python 1.13
// (test/fixtures/gen_examples_port.py: dataloader.json).
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../../../lib';

const { DataLoader, TensorDataset } = torch.utils.data;
const f = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'examples_port', 'dataloader.json'), 'utf8'));

describe('torch.utils.data as pytorch/examples calls it', () => {
  it('takes the dataset as an option', () => {
    const ds = new TensorDataset(torch.arange(10).float());
    const batches = [...new DataLoader({ dataset: ds, batchSize: 4, shuffle: false, dropLast: true })].map((b) => (b as torch.Tensor[])[0].tolist());
    expect(batches).toEqual(f.batches);
    expect(() => new DataLoader({ dataset: ds } as never, 4 as never)).toThrow(/torch\.utils\.data\.DataLoader: options must be the only argument/);
    expect(() => new DataLoader({ dataset: 3 } as never)).toThrow(/torch\.utils\.data\.DataLoader: dataset must be a Dataset/);
  });
  it('has DistributedSampler under torch.utils.data.distributed', () => {
    const ds = new TensorDataset(torch.arange(10).float());
    const s = new torch.utils.data.distributed.DistributedSampler(ds, { numReplicas: 3, rank: 1, shuffle: false, dropLast: true });
    expect([...s]).toEqual(f.sampler);
  });
});
