// memoryStats().liveBytes counts each storage once, for as long as any live wrapper holds it
// (native/tensor_holder.cc): a read of `p.grad` is a new wrapper of a storage already counted, so it
// adds nothing; a view that outlives its base keeps the storage counted; set_data moves the count.
import { describe, it, expect } from 'vitest';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as torch from '../lib';
import { nn } from '../lib';

const MB4 = 4_000_000; // a 1000×1000 float32 storage

// A full GC before each reading, so that earlier tests' garbage does not leave the count in between.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const liveBytes = (): number => {
  gc();
  return torch.memoryStats().liveBytes;
};

describe('liveBytes counts each storage once', () => {
  it('reading p.grad again and again adds nothing (AlexNet-classifier-sized gradient)', () => {
    // AlexNet's classifier[1] weight: 4096×9216 float32, 151 MB; each read used to add 151 MB.
    const layer = new nn.Linear(9216, 4096);
    const x = torch.ones(1, 9216);
    const out = layer.forward(x);
    const loss = out.sum();
    loss.backward();
    for (const t of [x, out, loss]) t.dispose();
    const before = liveBytes();
    const grad = 4096 * 9216 * 4;
    const reads = [layer.weight.grad!];
    expect(liveBytes()).toBe(before + grad);
    for (let i = 0; i < 19; i++) reads.push(layer.weight.grad!);
    expect(liveBytes()).toBe(before + grad);
    // The parameter still holds the gradient; no wrapper does once these are gone.
    for (const g of reads) g.dispose();
    expect(liveBytes()).toBe(before);
    expect(layer.weight.grad!.shape).toEqual([4096, 9216]);
  });

  it('views, aliases and detach() share their base storage\'s count', () => {
    const before = liveBytes();
    const base = torch.ones(1000, 1000);
    expect(liveBytes()).toBe(before + MB4);
    const views = [base.view(-1), base.t(), base.narrow(0, 0, 10), base.detach(), base.select(0, 0), base.expand(2, 1000, 1000)];
    expect(liveBytes()).toBe(before + MB4);
    for (const v of views) v.dispose();
    expect(liveBytes()).toBe(before + MB4);
    base.dispose();
    expect(liveBytes()).toBe(before);
  });

  it('a view that outlives its base keeps the storage counted until the view goes', () => {
    const before = liveBytes();
    const base = torch.ones(1000, 1000);
    const row = base.select(0, 3);
    base.dispose();
    expect(liveBytes()).toBe(before + MB4); // the whole storage is still alive behind the row
    expect(row.tolist()).toEqual(new Array(1000).fill(1));
    row.dispose();
    expect(liveBytes()).toBe(before);
  });

  it('a base made after results that counted alone still shares one count with them', () => {
    // Results of fresh ops count alone (no lookup); the first view of one must find that count.
    const before = liveBytes();
    const a = torch.full([1000, 1000], 2);
    const b = torch.rand(1000, 1000);
    expect(liveBytes()).toBe(before + 2 * MB4);
    const va = a.view(1000, 1000);
    const vb = b.t();
    expect(liveBytes()).toBe(before + 2 * MB4);
    a.dispose();
    vb.dispose();
    expect(liveBytes()).toBe(before + 2 * MB4);
    va.dispose();
    b.dispose();
    expect(liveBytes()).toBe(before);
  });

  it('Module.to(dtype) (set_data) moves the parameter\'s count to its new storage', () => {
    const before = liveBytes();
    const layer = new nn.Linear(1000, 1000, { bias: false });
    expect(liveBytes()).toBe(before + MB4);
    layer.to(torch.float64);
    expect(layer.weight.dtype).toBe(torch.float64);
    expect(liveBytes()).toBe(before + 2 * MB4);
  });
});
