// Tensor properties read off the TensorImpl (lib/tensor.ts, native/tensor_props.cc) and the aliases,
// against test/fixtures/gen_tensor_props.py.
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../../lib';

const fx = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/tensor/props.json'), 'utf8'));
type Sparse = torch.Tensor & { toSparse(): torch.Tensor; toSparseCsr(): torch.Tensor };

describe('Tensor properties', () => {
  const a = torch.arange(12).reshape(3, 4).float() as Sparse;
  const b = a.narrow(1, 1, 2);
  const s = a.toSparse();
  const c = a.toSparseCsr();

  it('layout, isSparse, isSparseCsr and the device and kind flags', () => {
    expect([a, s, c].map((x) => String(x.layout))).toEqual(fx.layout);
    expect(s.layout).toBe(torch.sparse_coo);
    expect([a, s, c].map((x) => x.isSparse)).toEqual(fx.is_sparse);
    expect([a, s, c].map((x) => x.isSparseCsr)).toEqual(fx.is_sparse_csr);
    expect([a.isCpu, a.isMeta, a.isQuantized, a.isMkldnn]).toEqual([fx.is_cpu, fx.is_meta, fx.is_quantized, fx.is_mkldnn]);
    expect([torch.strided, torch.sparse_coo, torch.sparse_csr, torch.sparse_csc, torch.sparse_bsr, torch.sparse_bsc, torch._mkldnn].map(String)).toEqual(fx.layouts);
  });

  it('storageOffset, dataPtr, getDevice, ndimension, nelement', () => {
    expect([a.storageOffset(), b.storageOffset(), a.select(0, 2).storageOffset()]).toEqual(fx.storage_offset);
    expect(b.dataPtr() - a.dataPtr()).toBe(fx.data_ptr_delta);
    expect(a.getDevice()).toBe(fx.get_device);
    expect([a.ndimension(), a.nelement()]).toEqual([fx.ndimension, fx.nelement]);
  });

  it('cfloat, cdouble, newTensor', () => {
    expect([String(a.cfloat().dtype), String(a.cdouble().dtype)]).toEqual([fx.cfloat, fx.cdouble]);
    const n = a.newTensor([1, 2]);
    expect([String(n.dtype), String(a.newTensor([1, 2], { dtype: torch.int32 }).dtype), n.tolist()]).toEqual(fx.new_tensor);
    expect(() => a.newTensor([1], { dtyp: torch.int32 } as never)).toThrow(/unknown option 'dtyp'/);
  });
});
