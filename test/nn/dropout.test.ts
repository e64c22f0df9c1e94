import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { checkLayerCase, expectClose, fixture, layerCase } from './nn_fixtures';

const { nn } = torch;

describe('nn.Dropout', () => {
  it('is the identity in eval mode', () => {
    checkLayerCase(layerCase('Dropout(0.5) eval'), new nn.Dropout(0.5), false);
    const d = new nn.Dropout({ p: 0.9 }).eval();
    const x = torch.randn(100);
    expect(d.forward(x).equal(x)).toBe(true);
  });

  it('in training zeroes elements and scales the kept ones by 1/(1-p)', () => {
    const d = new nn.Dropout(0.25);
    const y = d.forward(torch.ones(1000));
    const values = new Set(Array.from(y.toTypedArray()));
    expect([...values].sort()).toEqual([0, Math.fround(1 / 0.75)]);
    const kept = y.ne(0).sum().item() as number;
    expect(kept).toBeGreaterThan(650);
    expect(kept).toBeLessThan(850);
  });

  it('draws the same masks as Python after the same seed', () => {
    const f = fixture('dropout');
    torch.manualSeed(123);
    expectClose(new nn.Dropout(0.3).forward(torch.ones(6, 10)), f['dropout_0.3'], 'dropout', 1e-7);
    torch.manualSeed(123);
    expectClose(new nn.Dropout2d(0.5).forward(torch.ones(2, 6, 2, 2)), f['dropout2d_0.5'], 'dropout2d', 1e-7);
    torch.manualSeed(5);
    expectClose(new nn.Dropout2d(0.5).forward(torch.ones(4, 3, 2)), f.dropout2d_3d, 'dropout2d on (N, C, L)', 1e-7);
  });

  it('prints and validates as PyTorch', () => {
    expect(String(new nn.Dropout())).toBe('Dropout(p=0.5, inplace=False)');
    expect(String(new nn.Dropout2d(0.1, true))).toBe('Dropout2d(p=0.1, inplace=True)');
    expect(String(new nn.Dropout(0))).toBe('Dropout(p=0.0, inplace=False)');
    expect(() => new nn.Dropout(1.5)).toThrow('nn.Dropout: dropout probability has to be between 0 and 1, but got 1.5');
    expect(() => new nn.Dropout({ p: '0.5' } as never)).toThrow('nn.Dropout: p must be a number');
    expect(() => new nn.Dropout2d({ q: 0.5 } as never)).toThrow("nn.Dropout2d: unknown option 'q'");
  });
});
