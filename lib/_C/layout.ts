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
export const contiguous_format = new MemoryFormat('contiguous_format', 0);
export const preserve_format = new MemoryFormat('preserve_format', 1);
export const channels_last = new MemoryFormat('channels_last', 2);
export const channels_last_3d = new MemoryFormat('channels_last_3d', 3);
sealed = true;
