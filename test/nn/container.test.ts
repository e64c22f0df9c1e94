import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { fixture } from './nn_fixtures';

const { nn } = torch;
const tree = fixture('tree');

// gen_nn.py's alexnet_like(): nested Sequentials built from an ordered dict.
function alexnetLike() {
  return new nn.Sequential({
    features: new nn.Sequential(
      new nn.Conv2d(3, 64, { kernelSize: 11, stride: 4, padding: 2 }),
      new nn.ReLU({ inplace: true }),
      new nn.MaxPool2d({ kernelSize: 3, stride: 2 }),
      new nn.Conv2d(64, 192, { kernelSize: 5, padding: 2 }),
      new nn.ReLU({ inplace: true }),
    ),
    avgpool: new nn.AdaptiveAvgPool2d([6, 6]),
    classifier: new nn.Sequential(
      new nn.Dropout({ p: 0.5 }),
      new nn.Linear(192 * 6 * 6, 4096),
      new nn.ReLU({ inplace: true }),
      new nn.Linear(4096, 10),
      new nn.LeakyReLU(0.02, true),
      new nn.Softmax({ dim: 1 }),
      new nn.BatchNorm1d(10, { momentum: null }),
    ),
  });
}

describe('nn.Sequential', () => {
  it('prints, names and orders its modules as PyTorch', () => {
    const seq = alexnetLike();
    expect(String(seq)).toBe(tree.sequential.repr);
    expect([...seq.stateDict().keys()]).toEqual(tree.sequential.state_dict_keys);
    expect([...seq.namedModules()].map(([k]) => k)).toEqual(tree.sequential.named_modules);
  });

  it('indexes with seq[i], seq[-1], assigns seq[i] = m, has length and iterates', () => {
    const features = new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU(), new nn.Linear(8, 3));
    expect(features.length).toBe(3);
    expect(features[0]).toBeInstanceOf(nn.Linear);
    expect(features[-1]).toBe(features[2]);
    expect(features[-3]).toBe(features[0]);
    const head = new nn.Linear(8, 10);
    features[2] = head;
    expect(features[2]).toBe(head);
    expect([...features.namedParameters()].map(([k]) => k)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(features.forward(torch.randn(5, 4)).shape).toEqual([5, 10]);
    features[-1] = new nn.Linear(8, 2);
    expect(features.forward(torch.randn(5, 4)).shape).toEqual([5, 2]);
    expect([...features].map((m) => m.constructor.name)).toEqual(['Linear', 'ReLU', 'Linear']);
    features.append(new nn.Softmax(1));
    expect(features.length).toBe(4);
    expect(features.forward(torch.randn(2, 4)).sum(1).allclose(torch.ones(2))).toBe(true);
    const head2 = features.slice(0, 2);
    expect(String(head2)).toBe('Sequential(\n  (0): Linear(in_features=4, out_features=8, bias=True)\n  (1): ReLU()\n)');
    delete features[1];
    expect([...features.namedChildren()].map(([k, m]) => `${k}:${m.constructor.name}`)).toEqual(['0:Linear', '1:Linear', '2:Softmax']);
  });

  it('named children are reachable by name, and the lab\'s head swap works', () => {
    const seq = alexnetLike() as any;
    expect(seq.classifier).toBeInstanceOf(nn.Sequential);
    seq.classifier[3] = new nn.Linear({ inFeatures: 4096, outFeatures: 7 });
    expect(String(seq.classifier[3])).toBe('Linear(in_features=4096, out_features=7, bias=True)');
    expect(seq.stateDict().get('classifier.3.weight').shape).toEqual([7, 4096]);
  });

  it('rejects bad indices and modules', () => {
    const seq = new nn.Sequential(new nn.ReLU());
    expect(() => seq[1]).toThrow('index 1 is out of range');
    expect(() => seq[-2]).toThrow('index -2 is out of range');
    expect(() => { seq[0] = 5 as never; }).toThrow(new TypeError("cannot assign 'int' as child module '0' (torch.nn.Module or None expected)"));
    expect(() => new nn.Sequential(new nn.ReLU(), 'relu' as never)).toThrow('nn.Sequential: args[1] must be an nn.Module');
    expect(() => new nn.Sequential({ 'a.b': new nn.ReLU() })).toThrow('module name can\'t contain "."');
  });
});

describe('nn.ModuleList', () => {
  it('indexes, appends, extends, inserts and registers its modules', () => {
    const ml = new nn.ModuleList([new nn.Linear(2, 2), new nn.ReLU()]);
    ml.append(new nn.Tanh()).extend([new nn.Sigmoid()]);
    expect(ml.length).toBe(4);
    expect(ml[-1]).toBeInstanceOf(nn.Sigmoid);
    ml.insert(1, new nn.Identity());
    expect([...ml].map((m) => m.constructor.name)).toEqual(['Linear', 'Identity', 'ReLU', 'Tanh', 'Sigmoid']);
    ml[0] = new nn.Linear(2, 3);
    expect([...ml.namedParameters()].map(([k, p]) => `${k}${JSON.stringify(p.shape)}`)).toEqual(['0.weight[3,2]', '0.bias[3]']);
    expect(() => ml[5]).toThrow('index 5 is out of range');
    expect(() => ml.extend(5 as never)).toThrow('nn.ModuleList.extend: modules must be an iterable of nn.Module');
  });
});

describe('nn.ModuleDict', () => {
  it('gets, sets and iterates in insertion order', () => {
    const md = new nn.ModuleDict({ act: new nn.Sigmoid(), lin: new nn.Linear(3, 1) });
    md.set('0', new nn.ReLU());
    expect([...md.keys()]).toEqual(['act', 'lin', '0']);
    expect([...md]).toEqual(['act', 'lin', '0']);
    expect(md.get('lin')).toBeInstanceOf(nn.Linear);
    expect([...md.items()].map(([k, m]) => `${k}=${m.constructor.name}`)).toEqual(['act=Sigmoid', 'lin=Linear', '0=ReLU']);
    expect([...md.values()].length).toBe(3);
    expect(md.length).toBe(3);
    md.set('keys', new nn.Tanh()); // a name that is also a method
    expect(md.get('keys')).toBeInstanceOf(nn.Tanh);
    expect(md.pop('act')).toBeInstanceOf(nn.Sigmoid);
    expect(md.has('act')).toBe(false);
    expect([...md.stateDict().keys()]).toEqual(['lin.weight', 'lin.bias']);
    expect(() => md.pop('nope')).toThrow('nn.ModuleDict.pop: no module named "nope"');
    expect(() => md.set('x', 3 as never)).toThrow('nn.ModuleDict.add_module: module must be an nn.Module or null, got 3');
  });
});
