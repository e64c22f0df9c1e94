// nn.utils.rnn against Python PyTorch 1.13 (test/fixtures/gen_rnn.py writes
// test/fixtures/nn/rnn_utils.json): pad/pack/unpack of variable-length sequences, PackedSequence.
import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { dec, expectClose, fixture, type Enc } from './nn_fixtures';

const { nn } = torch;
const R = nn.utils.rnn;

type IntEnc = { shape: number[]; dtype: 'int64'; data: number[] };
interface Packed { data: Enc; batch_sizes: IntEnc; sorted_indices?: IntEnc; unsorted_indices?: IntEnc; repr?: string; input?: Enc }
interface UtilsFixture {
  seqs: Enc[];
  pad_sequence: Enc;
  pad_sequence_bf_pad: Enc;
  pack_unsorted: Packed;
  pad_packed_unsorted: { padded: Enc; lengths: IntEnc };
  pad_packed_unsorted_bf_total: { padded: Enc; lengths: IntEnc };
  pack_sorted_bf: Packed;
  pack_sequence_unsorted: Packed;
  unpack_sequence: Enc[];
  unpad_sequence: Enc[];
  invert_permutation: IntEnc;
  grad: { g: Enc; x_grad: Enc };
  errors: Record<string, string>;
}

const U = fixture<UtilsFixture>('rnn_utils');

function expectInts(t: torch.Tensor | null, e: IntEnc, what: string): void {
  expect(t, what).not.toBeNull();
  expect(t!.dtype, what).toBe(torch.int64);
  expect(t!.shape, what).toEqual(e.shape);
  expect(Array.from(t!.toTypedArray() as BigInt64Array, Number), what).toEqual(e.data);
}

function expectPacked(p: torch.nn.utils.rnn.PackedSequence, e: Packed, what: string): void {
  expect(p).toBeInstanceOf(R.PackedSequence);
  expectClose(p.data, e.data, `${what} data`);
  expectInts(p.batchSizes, e.batch_sizes, `${what} batch_sizes`);
  if (e.sorted_indices) expectInts(p.sortedIndices, e.sorted_indices, `${what} sorted_indices`);
  else expect(p.sortedIndices).toBeNull();
  if (e.unsorted_indices) expectInts(p.unsortedIndices, e.unsorted_indices, `${what} unsorted_indices`);
  else expect(p.unsortedIndices).toBeNull();
  if (e.repr) expect(String(p)).toBe(e.repr);
}

describe('nn.utils.rnn matches PyTorch 1.13', () => {
  const seqs = U.seqs.map(dec);

  it('padSequence', () => {
    expectClose(R.padSequence(seqs), U.pad_sequence, 'pad_sequence');
    expectClose(R.padSequence(seqs, true, -1.5), U.pad_sequence_bf_pad, 'pad_sequence batch_first');
    expectClose(R.padSequence(seqs, { batchFirst: true, paddingValue: -1.5 }), U.pad_sequence_bf_pad, 'pad_sequence options');
    // a Tensor is an iterable of its rows, as in Python: 5 sequences of length 3
    expect(R.padSequence(dec(U.pad_sequence)).shape).toEqual([3, 5, 2]);
  });

  it('packPaddedSequence and padPackedSequence, sorted and unsorted, with their reprs', () => {
    const padded = R.padSequence(seqs);
    const p = R.packPaddedSequence(padded, torch.tensor([3, 5, 1]), { enforceSorted: false });
    expectPacked(p, U.pack_unsorted, 'pack unsorted');
    const [pp, ll] = R.padPackedSequence(p);
    expectClose(pp, U.pad_packed_unsorted.padded, 'pad_packed');
    expectInts(ll, U.pad_packed_unsorted.lengths, 'pad_packed lengths');
    const [pb, lb] = R.padPackedSequence(p, { batchFirst: true, paddingValue: 7, totalLength: 7 });
    expectClose(pb, U.pad_packed_unsorted_bf_total.padded, 'pad_packed batch_first total_length');
    expectInts(lb, U.pad_packed_unsorted_bf_total.lengths, 'pad_packed batch_first lengths');
    const ps = R.packPaddedSequence(dec(U.pack_sorted_bf.input!), [5, 3, 1], true);
    expectPacked(ps, U.pack_sorted_bf, 'pack sorted batch_first');
  });

  it('packSequence, unpackSequence, unpadSequence, invertPermutation', () => {
    const p = R.packSequence(seqs, { enforceSorted: false });
    expectPacked(p, U.pack_sequence_unsorted, 'pack_sequence');
    const un = R.unpackSequence(p);
    expect(un.length).toBe(U.unpack_sequence.length);
    un.forEach((s, i) => expectClose(s, U.unpack_sequence[i], `unpack_sequence[${i}]`));
    const padded = R.padSequence(seqs);
    const up = R.unpadSequence(padded, torch.tensor([3, 5, 1]));
    up.forEach((s, i) => expectClose(s, U.unpad_sequence[i], `unpad_sequence[${i}]`));
    // Python transposes the padded tensor in place when batch_first is false
    expect(padded.shape).toEqual([3, 5, 2]);
    expectInts(R.invertPermutation(torch.tensor([2, 0, 3, 1], { dtype: torch.int64 })), U.invert_permutation, 'invert_permutation');
    expect(R.invertPermutation(null)).toBeNull();
  });

  it('gradients flow through pack and pad', () => {
    const x = R.padSequence(seqs).requiresGrad_(true);
    const p = R.packPaddedSequence(x, [3, 5, 1], false, false);
    const [y] = R.padPackedSequence(p, true);
    y.mul(dec(U.grad.g)).sum().backward();
    expectClose(x.grad, U.grad.x_grad, 'x grad');
  });

  it("raises Python's errors", () => {
    const padded = R.padSequence(seqs);
    const attempts: Record<string, () => unknown> = {
      'rnn_utils.pack_padded_sequence(padded, torch.tensor([3, 5, 1]))': () => R.packPaddedSequence(padded, torch.tensor([3, 5, 1])),
      'rnn_utils.pad_packed_sequence(rnn_utils.pack_sequence(seqs, enforce_sorted=False), total_length=3)':
        () => R.padPackedSequence(R.packSequence(seqs, false), { totalLength: 3 }),
      'rnn_utils.pack_padded_sequence(padded, torch.tensor([5, 3, 0]))': () => R.packPaddedSequence(padded, torch.tensor([5, 3, 0])),
    };
    expect(Object.keys(attempts).sort()).toEqual(Object.keys(U.errors).sort());
    for (const [expr, f] of Object.entries(attempts)) expect(f, expr).toThrow(U.errors[expr]);
  });
});

describe('PackedSequence', () => {
  it('unpacks like a namedtuple and converts like Python', () => {
    const p = R.packSequence([torch.ones(2, 3), torch.ones(1, 3)]);
    const [data, batchSizes, sortedIndices, unsortedIndices] = p;
    expect(data).toBe(p.data);
    expect(batchSizes).toBe(p.batchSizes);
    expect(sortedIndices).toBeNull();
    expect(unsortedIndices).toBeNull();
    expect([p[0], p[1], p[2], p[3]]).toEqual([p.data, p.batchSizes, null, null]);
    expect(p.length).toBe(4);
    const d = p.double();
    expect(d.data.dtype).toBe(torch.float64);
    expect(d.batchSizes).toBe(p.batchSizes);
    // no conversion: the same PackedSequence, as Python returns self
    expect(p.float()).toBe(p);
    expect(p.to('cpu')).toBe(p);
    expect(p.to(torch.float32, { copy: true })).not.toBe(p);
    expect(p.isCuda).toBe(false);
    // PackedSequence([data, batch_sizes], sorted_indices): unsorted_indices is its inverse
    const q = new R.PackedSequence([p.data, p.batchSizes], { sortedIndices: torch.tensor([1n, 0n]) });
    expect(Array.from(q.unsortedIndices!.toTypedArray() as BigInt64Array, Number)).toEqual([1, 0]);
  });

  it('is what the recurrent modules take and give', () => {
    torch.manualSeed(0);
    const lstm = new nn.LSTM(3, 4);
    const p = R.packSequence([torch.randn(4, 3), torch.randn(2, 3)]);
    const [out, [h, c]] = lstm.forward(p);
    expect(out).toBeInstanceOf(R.PackedSequence);
    expect(out.data.shape).toEqual([6, 4]);
    expect(h.shape).toEqual([1, 2, 4]);
    expect(c.shape).toEqual([1, 2, 4]);
    const [padded, lengths] = R.padPackedSequence(out);
    expect(padded.shape).toEqual([4, 2, 4]);
    expect(Array.from(lengths.toTypedArray() as BigInt64Array, Number)).toEqual([4, 2]);
    // the last valid step of each sequence is h_n
    expect(padded.get(3).get(0).sub(h.get(0).get(0)).abs().max().item()).toBe(0);
    expect(padded.get(1).get(1).sub(h.get(0).get(1)).abs().max().item()).toBe(0);
  });

  it('checks its arguments', () => {
    expect(() => R.packPaddedSequence([1] as never, [1])).toThrow(/pack_padded_sequence: input must be a Tensor/);
    expect(() => R.packPaddedSequence(torch.zeros(2, 1), 'x' as never)).toThrow(/lengths must be a Tensor or an array of integers/);
    expect(() => R.padPackedSequence(torch.zeros(2) as never)).toThrow(/pad_packed_sequence: sequence must be a PackedSequence/);
    expect(() => R.padSequence([torch.zeros(2), 3] as never)).toThrow(/pad_sequence: sequences\[1\] must be a Tensor/);
    expect(() => R.padSequence(5 as never)).toThrow(/pad_sequence: sequences must be an array/);
    expect(() => R.packSequence([torch.zeros(2)], { enforce_sorted: false } as never)).toThrow(/did you mean 'enforceSorted'/);
    expect(() => new R.PackedSequence(torch.zeros(2) as never)).toThrow(/PackedSequence: data must be a Tensor \(with batch_sizes\)/);
  });
});
