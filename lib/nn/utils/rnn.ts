// torch.nn.utils.rnn (torch/nn/utils/rnn.py, PyTorch 1.13): PackedSequence and the functions that
// pack and pad variable-length sequences, over the ATen ops Python calls
// (`_VF._pack_padded_sequence`, `_VF._pad_packed_sequence`, `torch._C._nn.pad_sequence`).
import { Tensor, tensorArg } from '../../tensor';
import { tensor, arange, emptyLike } from '../../creation';
import { DType, int64, float64, float32, float16, int32, int16, int8, uint8 } from '../../dtype';
import { _packPaddedSequence, _padPackedSequence } from '../../_C/generated/torch';
import { padSequence as atenPadSequence } from '../../_C/generated/nn';
import { argError } from '../../errors';
import * as v from '../../validate';

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

const optTensor = (call: string, name: string, x: unknown): Tensor | null =>
  x === undefined || x === null ? null : tensorArg(call, name, x);

/**
 * `PackedSequence(data, batch_sizes, sorted_indices, unsorted_indices)`: the packed form of a batch of
 * variable-length sequences, as `packPaddedSequence` and `packSequence` make it and the recurrent
 * modules take it. Like Python's namedtuple it unpacks as a tuple
 * (`const [data, batchSizes, sortedIndices, unsortedIndices] = packed`) and reads by field name.
 * Instances should be made by the pack functions, as Python's docs say.
 */
export class PackedSequence implements Iterable<Tensor | null> {
  readonly data: Tensor;
  readonly batchSizes: Tensor;
  readonly sortedIndices: Tensor | null;
  readonly unsortedIndices: Tensor | null;
  /** A namedtuple of 4 fields. */
  readonly length = 4;

  constructor(data: Tensor | [Tensor, Tensor], batchSizes?: Tensor | null | PackedSequenceOptions, sortedIndices?: Tensor | null | PackedSequenceOptions, unsortedIndices?: Tensor | null | PackedSequenceOptions);
  constructor(...args: unknown[]) {
    const call = 'nn.utils.rnn.PackedSequence';
    const a = v.bindArgs(call, ['data', 'batchSizes', 'sortedIndices', 'unsortedIndices'], args);
    const sorted = optTensor(call, 'sorted_indices', a.sortedIndices);
    let unsorted = optTensor(call, 'unsorted_indices', a.unsortedIndices);
    // NB (Python): a given unsorted_indices should be the inverse permutation of sorted_indices.
    if (unsorted === null) unsorted = invertPermutation(sorted);
    let data: Tensor;
    let batchSizes: Tensor;
    if (a.batchSizes !== undefined && a.batchSizes !== null) {
      data = tensorArg(call, 'data', a.data);
      batchSizes = tensorArg(call, 'batch_sizes', a.batchSizes);
      if (batchSizes.device.type !== 'cpu') {
        throw new RangeError(
          `${call}: batch_sizes should always be on CPU. Instances of PackedSequence should never be created manually. ` +
            'They should be instantiated by functions like pack_sequence and pack_padded_sequences in nn.utils.rnn. ' +
            'https://pytorch.org/docs/stable/nn.html#torch.nn.utils.rnn.pack_sequence',
        );
      }
    } else {
      // `PackedSequence([data, batch_sizes], { sortedIndices })`
      if (!Array.isArray(a.data) || a.data.length !== 2) throw argError(call, 'data', 'a Tensor (with batch_sizes) or a [data, batch_sizes] pair', a.data);
      data = tensorArg(call, 'data[0]', a.data[0]);
      batchSizes = tensorArg(call, 'data[1]', a.data[1]);
    }
    this.data = data;
    this.batchSizes = batchSizes;
    this.sortedIndices = sorted;
    this.unsortedIndices = unsorted;
    Object.freeze(this);
  }

  *[Symbol.iterator](): Iterator<Tensor | null> {
    yield this.data;
    yield this.batchSizes;
    yield this.sortedIndices;
    yield this.unsortedIndices;
  }

  /** `to(device | dtype | tensor, ...)`: converts data (indices follow data's device; batch_sizes stays on the CPU). */
  to(...args: unknown[]): PackedSequence {
    const data = (this.data.to as (...a: unknown[]) => Tensor)(...args);
    // Python's `data is self.data`: to() made no copy (torch-node gives a new object over the same memory)
    if (data === this.data || data.isSetTo(this.data)) return this;
    const dev = data.device;
    const sameDevice = (t: Tensor | null): Tensor | null => (t === null ? null : t.to(dev));
    return new PackedSequence(data, this.batchSizes, sameDevice(this.sortedIndices), sameDevice(this.unsortedIndices));
  }

  cuda(device?: number): PackedSequence {
    return this.to(device === undefined ? 'cuda' : `cuda:${v.int('nn.utils.rnn.PackedSequence.cuda', 'device', device, 0)}`);
  }
  cpu(): PackedSequence {
    return this.to('cpu');
  }
  double(): PackedSequence { return this._dtype(float64); }
  float(): PackedSequence { return this._dtype(float32); }
  half(): PackedSequence { return this._dtype(float16); }
  long(): PackedSequence { return this._dtype(int64); }
  int(): PackedSequence { return this._dtype(int32); }
  short(): PackedSequence { return this._dtype(int16); }
  char(): PackedSequence { return this._dtype(int8); }
  byte(): PackedSequence { return this._dtype(uint8); }

  private _dtype(d: DType): PackedSequence {
    return this.to(d);
  }

  pinMemory(): PackedSequence {
    const pin = (t: Tensor | null): Tensor | null => (t === null ? null : t.pinMemory());
    return new PackedSequence(this.data.pinMemory(), this.batchSizes, pin(this.sortedIndices), pin(this.unsortedIndices));
  }

  get isCuda(): boolean {
    return this.data.isCuda;
  }

  isPinned(): boolean {
    return this.data.isPinned();
  }

  /** Python's namedtuple repr. */
  toString(): string {
    const r = (t: Tensor | null): string => (t === null ? 'None' : String(t));
    return `PackedSequence(data=${r(this.data)}, batch_sizes=${r(this.batchSizes)}, sorted_indices=${r(this.sortedIndices)}, unsorted_indices=${r(this.unsortedIndices)})`;
  }

  [inspectSymbol](): string {
    return this.toString();
  }
}

export interface PackedSequenceOptions {
  data?: Tensor | [Tensor, Tensor];
  batchSizes?: Tensor | null;
  sortedIndices?: Tensor | null;
  unsortedIndices?: Tensor | null;
}

// Tuple indexing, as on Python's namedtuple: packed[0] is data ... packed[3] is unsorted_indices.
(['data', 'batchSizes', 'sortedIndices', 'unsortedIndices'] as const).forEach((field, i) => {
  Object.defineProperty(PackedSequence.prototype, i, {
    get(this: PackedSequence) { return this[field]; },
    enumerable: false,
  });
});

export interface PackedSequence {
  readonly 0: Tensor;
  readonly 1: Tensor;
  readonly 2: Tensor | null;
  readonly 3: Tensor | null;
}

/** `invert_permutation(permutation)`: the inverse of a permutation of 0..n-1 (null for null). */
export function invertPermutation(permutation: Tensor | null): Tensor | null {
  if (permutation === null || permutation === undefined) return null;
  tensorArg('nn.utils.rnn.invert_permutation', 'permutation', permutation);
  const output = emptyLike(permutation);
  output.scatter_(0, permutation, arange(0, permutation.numel(), { device: permutation.device }));
  return output;
}

function lengthsArg(call: string, lengths: unknown): Tensor {
  if (lengths instanceof Tensor) return lengths.to(int64);
  if (Array.isArray(lengths)) return tensor(v.ints(call, 'lengths', lengths), { dtype: int64 });
  throw argError(call, 'lengths', 'a Tensor or an array of integers', lengths);
}

export interface PackPaddedSequenceOptions {
  batchFirst?: boolean;
  enforceSorted?: boolean;
}

/**
 * `pack_padded_sequence(input, lengths, batch_first=False, enforce_sorted=True)`: packs a padded
 * batch (T x B x *, or B x T x * when batchFirst) of sequences of the given lengths. With
 * enforceSorted (the default) the lengths must be decreasing; otherwise the batch is sorted here and
 * the permutation is kept in the PackedSequence.
 */
export function packPaddedSequence(input: Tensor, lengths: Tensor | number[], batchFirst?: boolean | PackPaddedSequenceOptions, enforceSorted?: boolean | PackPaddedSequenceOptions): PackedSequence;
export function packPaddedSequence(...args: unknown[]): PackedSequence {
  const call = 'nn.utils.rnn.pack_padded_sequence';
  const a = v.bindArgs(call, ['input', 'lengths', 'batchFirst', 'enforceSorted'], args);
  let input = tensorArg(call, 'input', a.input);
  let lens = lengthsArg(call, a.lengths);
  const batchFirst = a.batchFirst === undefined ? false : v.bool(call, 'batch_first', a.batchFirst);
  const enforceSorted = a.enforceSorted === undefined ? true : v.bool(call, 'enforce_sorted', a.enforceSorted);
  let sortedIndices: Tensor | null = null;
  if (!enforceSorted) {
    const [sortedLengths, indices] = lens.sort({ descending: true });
    lens = sortedLengths;
    sortedIndices = indices.to(input.device);
    input = input.indexSelect(batchFirst ? 0 : 1, sortedIndices);
  }
  const [data, batchSizes] = _packPaddedSequence(input, lens, batchFirst);
  return new PackedSequence(data, batchSizes, sortedIndices, null);
}

export interface PadPackedSequenceOptions {
  batchFirst?: boolean;
  paddingValue?: number;
  totalLength?: number | null;
}

/**
 * `pad_packed_sequence(sequence, batch_first=False, padding_value=0.0, total_length=None)`: the
 * inverse of packPaddedSequence. Returns `[padded, lengths]`, in the original batch order; lengths
 * is an int64 tensor. totalLength pads to that many time steps.
 */
export function padPackedSequence(sequence: PackedSequence, batchFirst?: boolean | PadPackedSequenceOptions, paddingValue?: number | PadPackedSequenceOptions, totalLength?: number | null | PadPackedSequenceOptions): [Tensor, Tensor];
export function padPackedSequence(...args: unknown[]): [Tensor, Tensor] {
  const call = 'nn.utils.rnn.pad_packed_sequence';
  const a = v.bindArgs(call, ['sequence', 'batchFirst', 'paddingValue', 'totalLength'], args);
  if (!(a.sequence instanceof PackedSequence)) throw argError(call, 'sequence', 'a PackedSequence', a.sequence);
  const sequence = a.sequence;
  const batchFirst = a.batchFirst === undefined ? false : v.bool(call, 'batch_first', a.batchFirst);
  const paddingValue = a.paddingValue === undefined ? 0 : v.number(call, 'padding_value', a.paddingValue);
  let maxSeqLength = sequence.batchSizes.size(0);
  const totalLength = v.optInt(call, 'total_length', a.totalLength);
  if (totalLength !== undefined) {
    if (totalLength < maxSeqLength) {
      throw new RangeError(
        `${call}: Expected total_length to be at least the length of the longest sequence in input, ` +
          `but got total_length=${totalLength} and max sequence length being ${maxSeqLength}`,
      );
    }
    maxSeqLength = totalLength;
  }
  const [padded, lengths] = _padPackedSequence(sequence.data, sequence.batchSizes, batchFirst, paddingValue, maxSeqLength);
  const unsorted = sequence.unsortedIndices;
  if (unsorted !== null) {
    return [padded.indexSelect(batchFirst ? 0 : 1, unsorted), lengths.index(unsorted.cpu())];
  }
  return [padded, lengths];
}

function sequencesArg(call: string, name: string, sequences: unknown): Tensor[] {
  if (sequences instanceof Tensor) {
    if (sequences.dim() === 0) throw new TypeError(`${call}: iteration over a 0-d tensor`);
    return [...sequences] as Tensor[];
  }
  if (sequences === null || typeof sequences !== 'object' || typeof (sequences as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw argError(call, name, 'an array (or iterable) of Tensors', sequences);
  }
  return [...(sequences as Iterable<unknown>)].map((s, i) => tensorArg(call, `${name}[${i}]`, s));
}

export interface PadSequenceOptions {
  batchFirst?: boolean;
  paddingValue?: number;
}

/**
 * `pad_sequence(sequences, batch_first=False, padding_value=0.0)`: stacks tensors of shape L_i x *
 * into one Lmax x B x * tensor (B x Lmax x * when batchFirst), padding with paddingValue.
 */
export function padSequence(sequences: Iterable<Tensor> | Tensor, batchFirst?: boolean | PadSequenceOptions, paddingValue?: number | PadSequenceOptions): Tensor;
export function padSequence(...args: unknown[]): Tensor {
  const call = 'nn.utils.rnn.pad_sequence';
  const a = v.bindArgs(call, ['sequences', 'batchFirst', 'paddingValue'], args);
  const seqs = sequencesArg(call, 'sequences', a.sequences);
  const batchFirst = a.batchFirst === undefined ? false : v.bool(call, 'batch_first', a.batchFirst);
  const paddingValue = a.paddingValue === undefined ? 0 : v.number(call, 'padding_value', a.paddingValue);
  return atenPadSequence(seqs, batchFirst, paddingValue);
}

/**
 * `unpad_sequence(padded_sequences, lengths, batch_first=False)`: the list of sequences that
 * padSequence padded. As in Python, when batchFirst is false the padded tensor is transposed in
 * place (its dims 0 and 1 stay swapped after the call).
 */
export function unpadSequence(paddedSequences: Tensor, lengths: Tensor | number[], batchFirst?: boolean | { batchFirst?: boolean }): Tensor[];
export function unpadSequence(...args: unknown[]): Tensor[] {
  const call = 'nn.utils.rnn.unpad_sequence';
  const a = v.bindArgs(call, ['paddedSequences', 'lengths', 'batchFirst'], args);
  const padded = tensorArg(call, 'padded_sequences', a.paddedSequences);
  const lens = lengthsArg(call, a.lengths);
  const batchFirst = a.batchFirst === undefined ? false : v.bool(call, 'batch_first', a.batchFirst);
  if (padded.dim() < 2) throw new RangeError(`${call}: padded_sequences must have at least 2 dimensions, got ${padded.dim()}`);
  if (!batchFirst) padded.transpose_(0, 1);
  const idx = arange(padded.shape[1]);
  const out: Tensor[] = [];
  // zip(): as many sequences as the shorter of the batch and the lengths
  const n = Math.min(padded.shape[0], lens.numel());
  for (let i = 0; i < n; i++) out.push(padded.get(i).index(idx.lt(lens.get(i))));
  return out;
}

/** `pack_sequence(sequences, enforce_sorted=True)`: packSequence(padSequence(sequences), their lengths). */
export function packSequence(sequences: Iterable<Tensor>, enforceSorted?: boolean | { enforceSorted?: boolean }): PackedSequence;
export function packSequence(...args: unknown[]): PackedSequence {
  const call = 'nn.utils.rnn.pack_sequence';
  const a = v.bindArgs(call, ['sequences', 'enforceSorted'], args);
  const seqs = sequencesArg(call, 'sequences', a.sequences);
  const enforceSorted = a.enforceSorted === undefined ? true : v.bool(call, 'enforce_sorted', a.enforceSorted);
  const lengths = tensor(seqs.map((s) => s.size(0)), { dtype: int64 });
  return packPaddedSequence(padSequence(seqs), lengths, { enforceSorted });
}

/** `unpack_sequence(packed_sequences)`: the list of sequences that packSequence packed. */
export function unpackSequence(packedSequences: PackedSequence): Tensor[] {
  const call = 'nn.utils.rnn.unpack_sequence';
  if (!(packedSequences instanceof PackedSequence)) throw argError(call, 'packed_sequences', 'a PackedSequence', packedSequences);
  const [padded, lengths] = padPackedSequence(packedSequences, { batchFirst: true });
  return unpadSequence(padded, lengths, { batchFirst: true });
}
