// torch.sparse_coo_tensor (lib/tensor_new.ts), the repr of COO tensors (lib/_tensor_str.ts) and
// torch.spmm, against Python 1.13 (test/fixtures/gen_examples_port.py: sparse.json).
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../../lib';

type Case = { indices: number[][]; values: number[]; dtype: string; size: number[]; requires_grad: boolean; repr: string; dense: number[] | number[][] };
const f = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'examples_port', 'sparse.json'), 'utf8'));
type Sparse = torch.Tensor & { _indices(): torch.Tensor; _values(): torch.Tensor; toDense(): torch.Tensor };
const idx = [[0, 1, 2], [2, 0, 1]];

function check(s: torch.Tensor, c: Case): void {
  const t = s as Sparse;
  expect(String(t.layout)).toBe('torch.sparse_coo');
  expect(t._indices().tolist()).toEqual(c.indices);
  expect(t._values().tolist()).toEqual(c.values);
  expect(String(t.dtype)).toBe(c.dtype);
  expect(t.shape).toEqual(c.size);
  expect(t.requiresGrad).toBe(c.requires_grad);
  expect(t.toDense().tolist()).toEqual(c.dense);
  expect(String(t)).toBe(c.repr);
}

describe('torch.sparseCooTensor', () => {
  it('takes data lists, with or without a size', () => {
    check(torch.sparseCooTensor(idx, [1.5, 2, 3], [3, 3]), f.data);
    check(torch.sparseCooTensor(idx, [1.5, 2, 3]), f.data_inferred_size);
    check(torch.sparseCooTensor([[0, 2]], [3, 4]), f.one_dim);
  });
  it('converts the values to the dtype option and the indices to int64', () => {
    check(torch.sparseCooTensor(torch.tensor(idx, { dtype: torch.int32 }), torch.ones(3), [3, 3], { dtype: torch.int64 }), f.tensor_dtype_int64);
    check(torch.sparseCooTensor(torch.tensor(idx), torch.tensor([1, 2, 3]), [3, 4], { dtype: torch.float64 }), f.tensor_dtype_float64);
  });
  it('makes an empty tensor of a size, with dtype and requiresGrad', () => {
    check(torch.sparseCooTensor([2, 3]), f.size_only);
    check(torch.sparseCooTensor([2, 3], { dtype: torch.float64, requiresGrad: true }), f.size_only_float64_grad);
    check(torch.sparseCooTensor(idx, [1.5, 2, 3], [3, 3], { requiresGrad: true }), f.requires_grad);
  });
  it("gives libtorch's error for indices outside the size, and argument errors naming the call", () => {
    expect(() => torch.sparseCooTensor([[0, 5]], [1, 2], [2])).toThrow(f.errors.index_out_of_size);
    expect(() => torch.sparseCooTensor(idx, [1, 2, 3], [3, 3], { layout: torch.sparse_coo } as never)).toThrow(/torch\.sparse_coo_tensor: unknown option 'layout'/);
    expect(() => torch.sparseCooTensor(idx, 'x' as never)).toThrow(/torch\.sparse_coo_tensor: values must be a tensor or an array/);
    expect(() => torch.sparseCooTensor(idx, [1, 2, 3], { dtype: 3 } as never)).toThrow(/torch\.sparse_coo_tensor: dtype/);
  });
});

describe('torch.spmm', () => {
  it('is mm, for a sparse or a dense first argument', () => {
    const m = torch.arange(6).reshape(3, 2).float();
    expect(torch.spmm(torch.sparseCooTensor(idx, [1.5, 2, 3], [3, 3]), m).tolist()).toEqual(f.spmm);
    expect(torch.spmm(torch.arange(6).reshape(2, 3).float(), m).tolist()).toEqual(f.spmm_dense);
  });
  it("runs the gcn example's adjacency normalisation", () => {
    const edges = torch.tensor(f.gcn.edges, { dtype: torch.int32 });
    const [V, E] = [4, edges.shape[0]];
    let adj = torch.sparseCooTensor(edges.T, torch.ones(E), [V, V], { dtype: torch.int64 });
    adj = torch.eye(V).add(adj);
    let deg = torch.sum(adj, { dim: 1 });
    deg = torch.sqrt(torch.reciprocal(deg));
    deg.indexPut_([deg.eq(Infinity)], 0);
    const d = torch.diag(deg).toSparse();
    adj = d.matmul(adj);
    expect(adj.tolist()).toEqual(f.gcn.adj);
    const out = torch.spmm(adj.toSparse(), torch.arange(8).reshape(4, 2).float());
    expect(out.tolist()).toEqual(f.gcn.out);
  });
});
