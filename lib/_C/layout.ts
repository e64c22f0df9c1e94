// torch.layout and torch.memory_format: the objects Python passes for `layout=` and
// `memory_format=`. Each carries libtorch's enum code, which the op layer hands to the addon.
// As in Python ("cannot create 'torch.layout' instances"), the ones below are all there are.
let sealed = false;

export class Layout {
  /** @internal */
  constructor(readonly name: string, readonly code: number) {
    if (sealed) throw new TypeError("cannot create 'torch.layout' instances");
    Object.freeze(this);
  }
  toString(): string { return `torch.${this.name}`; }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }
}

export class MemoryFormat {
  /** @internal */
  constructor(readonly name: string, readonly code: number) {
    if (sealed) throw new TypeError("cannot create 'torch.memory_format' instances");
    Object.freeze(this);
  }
  toString(): string { return `torch.${this.name}`; }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }
}

// c10::Layout and c10::MemoryFormat, in their enums' order
export const strided = new Layout('strided', 0);
export const sparse_coo = new Layout('sparse_coo', 1);
export const sparse_csr = new Layout('sparse_csr', 2);
export const _mkldnn = new Layout('_mkldnn', 3);
export const sparse_csc = new Layout('sparse_csc', 4);
export const sparse_bsr = new Layout('sparse_bsr', 5);
export const sparse_bsc = new Layout('sparse_bsc', 6);
export const contiguous_format = new MemoryFormat('contiguous_format', 0);
export const preserve_format = new MemoryFormat('preserve_format', 1);
export const channels_last = new MemoryFormat('channels_last', 2);
export const channels_last_3d = new MemoryFormat('channels_last_3d', 3);
sealed = true;

const LAYOUTS = [strided, sparse_coo, sparse_csr, _mkldnn, sparse_csc, sparse_bsr, sparse_bsc];
/** The Layout of libtorch's code (x.layout). */
export function layoutFromCode(code: number): Layout {
  const l = LAYOUTS[code];
  if (l === undefined) throw new RangeError(`torch.layout: unknown layout code ${code}`);
  return l;
}
