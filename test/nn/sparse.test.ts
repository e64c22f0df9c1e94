import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { checkModuleCase, moduleFixture } from './module_cases';

const { nn } = torch;

describe('nn.Embedding and nn.EmbeddingBag match PyTorch 1.13 (fixtures from gen_nn_modules.py)', () => {
  for (const c of moduleFixture('sparse')) {
    it(c.name, () => checkModuleCase(c));
  }

  it('fromPretrained shares the table and freezes it by default', () => {
    const w = torch.randn(4, 2);
    const e = nn.Embedding.fromPretrained(w);
    expect(e.weight.requiresGrad).toBe(false);
    torch.noGrad(() => w.index(0).fill_(7));
    expect(e.weight.index(0).tolist()).toEqual([7, 7]);
    expect(nn.EmbeddingBag.fromPretrained(w, { freeze: false }).weight.requiresGrad).toBe(true);
  });

  it('rejects bad arguments with PyTorch names', () => {
    expect(() => new nn.Embedding(5, 3, { paddingIdx: 5 })).toThrow('nn.Embedding: Padding_idx must be within num_embeddings');
    expect(() => new nn.Embedding(5, 3, -6)).toThrow('nn.Embedding: Padding_idx must be within num_embeddings');
    expect(() => new nn.Embedding(5.5, 3)).toThrow('nn.Embedding: num_embeddings must be an integer, got 5.5');
    expect(() => new nn.Embedding(5, 3, { _weight: torch.zeros(4, 3) })).toThrow('nn.Embedding: Shape of weight does not match num_embeddings and embedding_dim');
    expect(() => nn.Embedding.fromPretrained(torch.zeros(3))).toThrow('Embeddings parameter is expected to be 2-dimensional');
    expect(() => new nn.EmbeddingBag(5, 3, { mode: 'min' as never })).toThrow("nn.EmbeddingBag: mode must be one of 'sum', 'mean', 'max'");
    expect(() => new nn.EmbeddingBag(5, 3, { mode: 'max', sparse: true })).toThrow('max mode does not support sparse weights');
    const bag = new nn.EmbeddingBag(5, 3);
    expect(() => bag.forward(torch.tensor([1n, 2n]))).toThrow('offsets has to be a 1D Tensor but got None');
    expect(() => bag.forward(torch.tensor([1n, 2n]), torch.tensor([0n]), torch.rand(2))).toThrow("per_sample_weights is only supported for mode='sum'");
    expect(() => nn.functional.embeddingBag(torch.tensor([1n, 2n]), bag.weight, 5 as never)).toThrow(/^F\.embedding_bag: offsets must be a Tensor/);
    expect(() => nn.functional.embeddingBag(torch.tensor([1n, 2n]), bag.weight, torch.tensor([0n]), { perSampleWeights: 'x' as never })).toThrow(/^F\.embedding_bag: per_sample_weights must be a Tensor/);
    expect(() => new nn.Embedding(5, 3).forward([1, 2] as never)).toThrow('nn.Embedding.forward: input must be a Tensor');
  });
});
