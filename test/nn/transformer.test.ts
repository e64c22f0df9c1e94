import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { checkModuleCase, moduleFixture } from './module_cases';

const { nn } = torch;

describe('MultiheadAttention and the Transformer modules match PyTorch 1.13 (fixtures from gen_nn_modules.py)', () => {
  for (const c of moduleFixture('transformer')) {
    it(c.name, () => checkModuleCase(c, 2e-5));
  }
});

describe('Transformer API', () => {
  it('generateSquareSubsequentMask, camelCase accessors, clones that share nothing', () => {
    expect(nn.Transformer.generateSquareSubsequentMask(3).tolist()).toEqual([[0, -Infinity, -Infinity], [0, 0, -Infinity], [0, 0, 0]]);
    const layer = new nn.TransformerEncoderLayer(8, 2, { dimFeedforward: 16 });
    expect(layer.selfAttn).toBe(layer.self_attn);
    expect(layer.selfAttn.inProjWeight).toBe(layer.self_attn.in_proj_weight);
    const enc = new nn.TransformerEncoder(layer, 2);
    const [a, b] = [...enc.layers] as torch.nn.TransformerEncoderLayer[];
    expect(a.linear1.weight.equal(b.linear1.weight)).toBe(true);
    expect(a.linear1.weight).not.toBe(b.linear1.weight);
    expect(a.linear1.weight).not.toBe(layer.linear1.weight);
    torch.noGrad(() => a.linear1.weight.fill_(1));
    expect(b.linear1.weight.equal(a.linear1.weight)).toBe(false);
    expect([...enc.parameters()].length).toBe(2 * [...layer.parameters()].length);
  });

  it('rejects bad arguments with PyTorch names', () => {
    expect(() => new nn.MultiheadAttention(10, 3)).toThrow('nn.MultiheadAttention: embed_dim must be divisible by num_heads');
    expect(() => new nn.MultiheadAttention(8, 2, { kdim: 0 })).toThrow('nn.MultiheadAttention: kdim must be a positive integer, got 0');
    expect(() => new nn.TransformerEncoderLayer(8, 2, { activation: 'tanh' as never })).toThrow('nn.TransformerEncoderLayer: activation should be relu/gelu, not tanh');
    expect(() => new nn.TransformerEncoder({} as never, 2)).toThrow('nn.TransformerEncoder: encoder_layer must be an nn.Module');
    const mha = new nn.MultiheadAttention(8, 2);
    expect(() => mha.forward(torch.randn(2, 3, 8), torch.randn(4, 3, 8), torch.randn(5, 3, 8))).toThrow('key shape torch.Size([4, 3, 8]) does not match value shape torch.Size([5, 3, 8])');
    expect(() => mha.forward(torch.randn(2, 3, 6), torch.randn(4, 3, 6), torch.randn(4, 3, 6))).toThrow('was expecting embedding dimension of 8, but got 6');
    expect(() => mha.forward(torch.randn(2, 3, 8), torch.randn(4, 3, 8), torch.randn(4, 3, 8), { attnMask: torch.zeros(3, 3) })).toThrow('The shape of the 2D attn_mask is torch.Size([3, 3]), but should be (2, 4).');
    expect(() => mha.forward(torch.randn(2, 3, 8), torch.randn(4, 3, 8), torch.randn(4, 3, 8), { keyPaddingMask: torch.zeros(3, 4, { dtype: torch.int64 }) })).toThrow('only bool and floating types of key_padding_mask are supported');
    const t = new nn.Transformer({ dModel: 8, nhead: 2, numEncoderLayers: 1, numDecoderLayers: 1, dimFeedforward: 8 });
    expect(() => t.forward(torch.randn(3, 2, 8), torch.randn(3, 4, 8))).toThrow('nn.Transformer.forward: the batch number of src and tgt must be equal');
  });

  it('in inference with batch_first and a padding mask, the encoder zeroes padded positions as Python 1.13 does', () => {
    torch.manualSeed(0);
    const enc = new nn.TransformerEncoder(new nn.TransformerEncoderLayer(8, 2, { dimFeedforward: 16, batchFirst: true }), 1).eval();
    const src = torch.randn(2, 3, 8);
    const kpm = torch.tensor([[false, false, true], [false, false, false]]);
    const withGrad = enc.forward(src, { srcKeyPaddingMask: kpm });
    const noGrad = torch.noGrad(() => enc.forward(src, { srcKeyPaddingMask: kpm }));
    expect(withGrad.index(0, 2).abs().sum().item()).toBeGreaterThan(0);
    expect(noGrad.index(0, 2).abs().sum().item()).toBe(0);
    expect(noGrad.index(1).sub(withGrad.index(1)).abs().max().item()).toBeLessThan(1e-6);
  });
});
