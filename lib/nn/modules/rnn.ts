// torch.nn.RNNBase, RNN, LSTM, GRU and the cells RNNCellBase, RNNCell, LSTMCell, GRUCell
// (torch/nn/modules/rnn.py, PyTorch 1.13), over the ATen ops Python calls through _VF
// (torch.lstm / gru / rnn_tanh / rnn_relu and the *_cell ops). Parameters are registered in
// Python's order under Python's names (weight_ih_l0, weight_hh_l0_reverse, bias_ih_l1, weight_hr_l0),
// and reset_parameters draws uniform(-1/sqrt(hidden_size), 1/sqrt(hidden_size)) over them in that
// order, so the same seed gives Python's weights.
import { Tensor, tensorArg } from '../../tensor';
import { empty, zeros } from '../../creation';
import { DType, asDType } from '../../dtype';
import { DeviceLike, toDevice } from '../../device';
import { argError } from '../../errors';
import { Module } from '../module';
import { Parameter } from '../parameter';
import * as init from '../init';
import { PackedSequence } from '../utils/rnn';
import { lstm, gru, rnnTanh, rnnRelu, lstmCell, gruCell, rnnTanhCell, rnnReluCell } from '../../_C/generated/torch';
import { pyFloat, pyRepr } from '../../_repr';
import * as v from '../../validate';

export type RNNMode = 'LSTM' | 'GRU' | 'RNN_TANH' | 'RNN_RELU';
const MODES: readonly RNNMode[] = ['LSTM', 'GRU', 'RNN_TANH', 'RNN_RELU'];

interface FactoryKwargs { dtype?: DType; device?: string }

/** Python's factory_kwargs (device, dtype) of a module constructor. */
function factoryKwargs(call: string, o: Record<string, unknown>): FactoryKwargs {
  const out: FactoryKwargs = {};
  if (o.dtype !== undefined && o.dtype !== null) {
    const d = asDType(o.dtype);
    if (!d) throw argError(call, 'dtype', 'a torch dtype such as torch.float32', o.dtype);
    if (!d.isFloatingPoint && !d.isComplex) throw argError(call, 'dtype', 'a floating-point or complex dtype', o.dtype);
    out.dtype = d;
  }
  if (o.device !== undefined && o.device !== null) {
    try {
      out.device = String(toDevice(o.device as DeviceLike));
    } catch {
      throw argError(call, 'device', "'cpu', 'cuda' or a torch.device", o.device);
    }
  }
  return out;
}

function newParameter(shape: number[], fk: FactoryKwargs): Parameter {
  return new Parameter(empty(shape, { dtype: fk.dtype, device: fk.device }));
}

function shapeRepr(s: readonly number[]): string {
  return s.length === 1 ? `(${s[0]},)` : `(${s.join(', ')})`;
}

const optTensor = (call: string, name: string, x: unknown): Tensor | null =>
  x === undefined || x === null ? null : tensorArg(call, name, x);

/** LSTM's hidden state: an array [h, c] of two tensors. */
function pairArg(call: string, name: string, x: unknown): [Tensor, Tensor] {
  if (!Array.isArray(x) || x.length !== 2) throw argError(call, name, 'an array [h_0, c_0] of two Tensors', x);
  return [tensorArg(call, `${name}[0]`, x[0]), tensorArg(call, `${name}[1]`, x[1])];
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export interface RNNBaseOptions {
  mode?: RNNMode;
  inputSize?: number;
  hiddenSize?: number;
  numLayers?: number;
  bias?: boolean;
  batchFirst?: boolean;
  dropout?: number;
  bidirectional?: boolean;
  projSize?: number;
  device?: DeviceLike | null;
  dtype?: DType | null;
}

export type RNNOptions = Omit<RNNBaseOptions, 'mode' | 'projSize'> & { nonlinearity?: 'tanh' | 'relu' };
export type LSTMOptions = Omit<RNNBaseOptions, 'mode'>;
export type GRUOptions = Omit<RNNBaseOptions, 'mode' | 'projSize'>;

const BASE_ARGS = ['inputSize', 'hiddenSize', 'numLayers', 'bias', 'batchFirst', 'dropout', 'bidirectional', 'projSize'] as const;
const FACTORY = ['device', 'dtype'] as const;

/** The hidden state of a recurrent module: one tensor, or LSTM's [h, c]. */
type Hidden = Tensor | [Tensor, Tensor];

/**
 * `nn.RNNBase(mode, input_size, hidden_size, num_layers=1, bias=True, batch_first=False,
 * dropout=0., bidirectional=False, proj_size=0, device=None, dtype=None)`: the multi-layer recurrent
 * module behind RNN, LSTM and GRU. `mode` is 'LSTM', 'GRU', 'RNN_TANH' or 'RNN_RELU'.
 */
export class RNNBase extends Module {
  declare readonly mode: RNNMode;
  declare readonly inputSize: number;
  declare readonly hiddenSize: number;
  declare readonly numLayers: number;
  declare readonly bias: boolean;
  declare readonly batchFirst: boolean;
  declare readonly dropout: number;
  declare readonly bidirectional: boolean;
  declare readonly projSize: number;
  /** The parameters, under Python's names: `weight_ih_l0`, `bias_hh_l1_reverse`, `weight_hr_l0`, ... */
  [name: `weight_${string}` | `bias_${string}`]: Parameter;
  /** Python's `_flat_weights_names`: every parameter name, layer by layer, direction by direction. */
  declare readonly _flatWeightsNames: string[];
  /** Python's `_all_weights`: the parameter names of each layer and direction. */
  declare readonly _allWeights: string[][];

  constructor(mode: RNNMode | RNNBaseOptions, inputSize?: number | RNNBaseOptions, hiddenSize?: number | RNNBaseOptions, numLayers?: number | RNNBaseOptions, bias?: boolean | RNNBaseOptions, batchFirst?: boolean | RNNBaseOptions, dropout?: number | RNNBaseOptions, bidirectional?: boolean | RNNBaseOptions, projSize?: number | RNNBaseOptions);
  constructor(...args: unknown[]) {
    super();
    const call = `nn.${new.target.name}`;
    const a = v.bindArgs(call, ['mode', ...BASE_ARGS], args, FACTORY);
    this._init(call, a);
  }

  /** The body of Python's RNNBase.__init__, on bound arguments (camelCase keys). */
  protected _init(call: string, a: Record<string, unknown>): void {
    if (a.mode === undefined) throw new TypeError(`${call}: missing required argument 'mode'`);
    const mode = v.oneOf(call, 'mode', a.mode, MODES);
    if (a.inputSize === undefined) throw new TypeError(`${call}: missing required argument 'input_size'`);
    if (a.hiddenSize === undefined) throw new TypeError(`${call}: missing required argument 'hidden_size'`);
    const inputSize = v.int(call, 'input_size', a.inputSize, 0);
    const hiddenSize = v.int(call, 'hidden_size', a.hiddenSize, 1);
    const numLayers = a.numLayers === undefined ? 1 : v.int(call, 'num_layers', a.numLayers, 1);
    const bias = a.bias === undefined ? true : v.bool(call, 'bias', a.bias);
    const batchFirst = a.batchFirst === undefined ? false : v.bool(call, 'batch_first', a.batchFirst);
    let dropout = 0;
    if (a.dropout !== undefined) {
      if (typeof a.dropout !== 'number' || !(a.dropout >= 0 && a.dropout <= 1)) {
        const msg = `${call}: dropout should be a number in range [0, 1] representing the probability of an element being zeroed, got ${typeof a.dropout === 'number' ? a.dropout : v.pythonName(typeof a.dropout)}`;
        throw typeof a.dropout === 'number' ? new RangeError(msg) : new TypeError(msg);
      }
      dropout = a.dropout;
    }
    const bidirectional = a.bidirectional === undefined ? false : v.bool(call, 'bidirectional', a.bidirectional);
    const projSize = a.projSize === undefined ? 0 : v.int(call, 'proj_size', a.projSize);
    const fk = factoryKwargs(call, a);
    if (dropout > 0 && numLayers === 1) {
      process.emitWarning(
        'dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects ' +
          `num_layers greater than 1, but got dropout=${pyFloat(dropout)} and num_layers=${numLayers}`,
        'UserWarning',
      );
    }
    if (projSize < 0) throw new RangeError(`${call}: proj_size should be a positive integer or zero to disable projections, got ${projSize}`);
    if (projSize >= hiddenSize) throw new RangeError(`${call}: proj_size has to be smaller than hidden_size, got proj_size=${projSize} and hidden_size=${hiddenSize}`);

    const self = this as unknown as Record<string, unknown>;
    Object.assign(self, { mode, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, projSize });

    const gateSize = mode === 'LSTM' ? 4 * hiddenSize : mode === 'GRU' ? 3 * hiddenSize : hiddenSize;
    const numDirections = bidirectional ? 2 : 1;
    const flatNames: string[] = [];
    const allWeights: string[][] = [];
    for (let layer = 0; layer < numLayers; layer++) {
      for (let direction = 0; direction < numDirections; direction++) {
        const realHiddenSize = projSize > 0 ? projSize : hiddenSize;
        const layerInputSize = layer === 0 ? inputSize : realHiddenSize * numDirections;
        const suffix = direction === 1 ? '_reverse' : '';
        const params: [string, number[]][] = [
          [`weight_ih_l${layer}${suffix}`, [gateSize, layerInputSize]],
          [`weight_hh_l${layer}${suffix}`, [gateSize, realHiddenSize]],
        ];
        if (bias) params.push([`bias_ih_l${layer}${suffix}`, [gateSize]], [`bias_hh_l${layer}${suffix}`, [gateSize]]);
        if (projSize > 0) params.push([`weight_hr_l${layer}${suffix}`, [projSize, hiddenSize]]);
        for (const [name, shape] of params) self[name] = newParameter(shape, fk);
        flatNames.push(...params.map(([n]) => n));
        allWeights.push(params.map(([n]) => n));
      }
    }
    Object.defineProperty(this, '_flatWeightsNames', { value: flatNames, enumerable: false, configurable: true });
    Object.defineProperty(this, '_allWeights', { value: allWeights, enumerable: false, configurable: true });
    this.resetParameters();
  }

  /**
   * Python's `_flat_weights`: the parameters in `_flat_weights_names` order, as the ATen op takes them.
   * Read from the module on each call, so it follows reassigned parameters and `to()`.
   */
  get _flatWeights(): (Tensor | null)[] {
    const self = this as unknown as Record<string, Tensor | null | undefined>;
    return this._flatWeightsNames.map((n) => self[n] ?? null);
  }

  /** `all_weights`: the parameters of each layer and direction. */
  get allWeights(): Parameter[][] {
    const self = this as unknown as Record<string, Parameter>;
    return this._allWeights.map((names) => names.map((n) => self[n]));
  }

  /**
   * `flatten_parameters()`: in Python this packs the weights into one cuDNN buffer on CUDA (a speed-up,
   * same results) and is a no-op elsewhere. torch-node's recurrent ops do not use a flattened
   * buffer, so this is a no-op everywhere.
   */
  flattenParameters(): void {}

  /** `reset_parameters()`: every parameter from U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)), in order. */
  resetParameters(): void {
    const stdv = this.hiddenSize > 0 ? 1.0 / Math.sqrt(this.hiddenSize) : 0;
    for (const weight of this.parameters()) init.uniform_(weight, -stdv, stdv);
  }

  protected _call(): string {
    return `nn.${this._getName()}.forward`;
  }

  /** Python's check_input: a 3-D input (2-D packed data when batchSizes is given) of input_size features. */
  checkInput(input: Tensor, batchSizes: Tensor | null = null): void {
    const call = this._call();
    tensorArg(call, 'input', input);
    optTensor(call, 'batch_sizes', batchSizes);
    const expected = batchSizes !== null && batchSizes !== undefined ? 2 : 3;
    if (input.dim() !== expected) throw new RangeError(`${call}: input must have ${expected} dimensions, got ${input.dim()}`);
    if (this.inputSize !== input.size(-1)) {
      throw new RangeError(`${call}: input.size(-1) must be equal to input_size. Expected ${this.inputSize}, got ${input.size(-1)}`);
    }
  }

  /** The batch size of a padded input, or of packed data (its first batch size). */
  protected _miniBatch(input: Tensor, batchSizes: Tensor | null): number {
    const call = this._call();
    tensorArg(call, 'input', input);
    if (optTensor(call, 'batch_sizes', batchSizes) !== null) {
      if (batchSizes!.numel() === 0) throw new RangeError(`${call}: batch_sizes must not be empty`);
      return Number(batchSizes!.reshape(-1).get(0).item());
    }
    if (input.dim() < 2) throw new RangeError(`${call}: input must have 3 dimensions, got ${input.dim()}`);
    return this.batchFirst ? input.size(0) : input.size(1);
  }

  /** Python's get_expected_hidden_size: (num_layers * num_directions, batch, proj_size or hidden_size). */
  getExpectedHiddenSize(input: Tensor, batchSizes: Tensor | null = null): [number, number, number] {
    const miniBatch = this._miniBatch(input, batchSizes);
    const numDirections = this.bidirectional ? 2 : 1;
    return [this.numLayers * numDirections, miniBatch, this.projSize > 0 ? this.projSize : this.hiddenSize];
  }

  /** Python's check_hidden_size; `what` names the tensor in the message ('hidden', 'hidden[0]', ...). */
  checkHiddenSize(hx: Tensor, expected: readonly number[], what: string = 'hidden'): void {
    const call = this._call();
    tensorArg(call, 'hx', hx);
    v.ints(call, 'expected_hidden_size', expected);
    v.str(call, 'what', what);
    if (!sameShape(hx.shape, expected)) {
      throw new RangeError(`${call}: Expected ${what} size ${shapeRepr(expected)}, got [${hx.shape.join(', ')}]`);
    }
  }

  /** Python's check_forward_args. */
  checkForwardArgs(input: Tensor, hidden: Hidden, batchSizes: Tensor | null = null): void {
    this.checkInput(input, batchSizes);
    this.checkHiddenSize(hidden as Tensor, this.getExpectedHiddenSize(input, batchSizes));
  }

  /** Python's permute_hidden: reorders the batch dim of the hidden state (packed, unsorted input). */
  permuteHidden(hx: Hidden, permutation: Tensor | null): Hidden {
    const call = this._call();
    if (optTensor(call, 'permutation', permutation) === null) return hx;
    return tensorArg(call, 'hx', hx).indexSelect(1, permutation!);
  }

  override extraRepr(): string {
    let s = `${this.inputSize}, ${this.hiddenSize}`;
    if (this.projSize !== 0) s += `, proj_size=${this.projSize}`;
    if (this.numLayers !== 1) s += `, num_layers=${this.numLayers}`;
    if (this.bias !== true) s += `, bias=${pyRepr(this.bias)}`;
    if (this.batchFirst !== false) s += `, batch_first=${pyRepr(this.batchFirst)}`;
    if (this.dropout !== 0) s += `, dropout=${pyFloat(this.dropout)}`;
    if (this.bidirectional !== false) s += `, bidirectional=${pyRepr(this.bidirectional)}`;
    return s;
  }

  /** The ATen op of the mode, on a padded input or on packed data and its batch sizes. */
  protected _run(input: Tensor, batchSizes: Tensor | null, hx: Hidden): Tensor[] {
    const w = this._flatWeights as Tensor[];
    const rest = [this.numLayers, this.dropout, this.training, this.bidirectional] as const;
    const fn = this.mode === 'LSTM' ? lstm : this.mode === 'GRU' ? gru : this.mode === 'RNN_TANH' ? rnnTanh : rnnRelu;
    const f = fn as unknown as (...a: unknown[]) => Tensor[];
    if (batchSizes === null) return f(input, hx, w, this.bias, ...rest, this.batchFirst);
    return f(input, batchSizes, hx, w, this.bias, ...rest);
  }

  /** The forward of RNN and GRU (one hidden tensor), as Python's RNN.forward and GRU.forward. */
  protected _forwardSingle(input: Tensor | PackedSequence, hx: Tensor | null | undefined): [Tensor | PackedSequence, Tensor] {
    const call = this._call();
    let data: Tensor;
    let batchSizes: Tensor | null = null;
    let sortedIndices: Tensor | null = null;
    let unsortedIndices: Tensor | null = null;
    let maxBatchSize: number;
    let isBatched = true;
    const batchDim = this.batchFirst ? 0 : 1;
    let h: Tensor | null = hx === undefined || hx === null ? null : tensorArg(call, 'hx', hx);
    if (input instanceof PackedSequence) {
      [data, batchSizes, sortedIndices, unsortedIndices] = [input.data, input.batchSizes, input.sortedIndices, input.unsortedIndices];
      maxBatchSize = Number(batchSizes.get(0).item());
    } else {
      data = tensorArg(call, 'input', input);
      isBatched = data.dim() === 3;
      if (!isBatched) {
        data = data.unsqueeze(batchDim);
        if (h !== null) {
          if (h.dim() !== 2) throw new RangeError(`${call}: For unbatched 2-D input, hx should also be 2-D but got ${h.dim()}-D tensor`);
          h = h.unsqueeze(1);
        }
      } else if (h !== null && h.dim() !== 3) {
        throw new RangeError(`${call}: For batched 3-D input, hx should also be 3-D but got ${h.dim()}-D tensor`);
      }
      maxBatchSize = this.batchFirst ? data.size(0) : data.size(1);
    }
    if (h === null) {
      const numDirections = this.bidirectional ? 2 : 1;
      h = zeros([this.numLayers * numDirections, maxBatchSize, this.hiddenSize], { dtype: data.dtype, device: data.device });
    } else {
      h = this.permuteHidden(h, sortedIndices) as Tensor;
    }
    this.checkForwardArgs(data, h, batchSizes);
    const [out, hidden] = this._run(data, batchSizes, h);
    if (input instanceof PackedSequence) {
      return [new PackedSequence(out, batchSizes, sortedIndices, unsortedIndices), this.permuteHidden(hidden, unsortedIndices) as Tensor];
    }
    if (!isBatched) return [out.squeeze(batchDim), hidden.squeeze(1)];
    return [out, this.permuteHidden(hidden, unsortedIndices) as Tensor];
  }
}

/**
 * `nn.RNN(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.,
 * bidirectional=False, *, nonlinearity='tanh', device=None, dtype=None)`: a multi-layer Elman RNN.
 * `forward(input, hx?)` returns `[output, h_n]`; input may be a PackedSequence (then so is output).
 */
export class RNN extends RNNBase {
  declare readonly nonlinearity: 'tanh' | 'relu';

  constructor(inputSize: number | RNNOptions, hiddenSize?: number | RNNOptions, numLayers?: number | RNNOptions, bias?: boolean | RNNOptions, batchFirst?: boolean | RNNOptions, dropout?: number | RNNOptions, bidirectional?: boolean | RNNOptions);
  constructor(...args: unknown[]) {
    const call = 'nn.RNN';
    noProjSize(call, args);
    const a = v.bindArgs(call, BASE_ARGS.slice(0, 7), args, ['nonlinearity', ...FACTORY]);
    const nonlinearity = a.nonlinearity === undefined ? 'tanh' : a.nonlinearity;
    if (nonlinearity !== 'tanh' && nonlinearity !== 'relu') {
      const msg = `${call}: Unknown nonlinearity '${String(nonlinearity)}'; expected 'tanh' or 'relu'`;
      throw typeof nonlinearity === 'string' ? new RangeError(msg) : new TypeError(msg);
    }
    const mode: RNNMode = nonlinearity === 'tanh' ? 'RNN_TANH' : 'RNN_RELU';
    delete a.nonlinearity;
    super({ ...a, mode });
    (this as unknown as Record<string, unknown>).nonlinearity = nonlinearity;
  }

  override forward(input: Tensor, hx?: Tensor | null): [Tensor, Tensor];
  override forward(input: PackedSequence, hx?: Tensor | null): [PackedSequence, Tensor];
  override forward(input: Tensor | PackedSequence, hx?: Tensor | null): [Tensor | PackedSequence, Tensor] {
    return this._forwardSingle(input, hx);
  }
}

function noProjSize(call: string, args: unknown[]): void {
  const last = args[args.length - 1];
  if (v.isPlainObject(last) && 'projSize' in last) throw new TypeError(`${call}: proj_size argument is only supported for LSTM, not RNN or GRU`);
}

/**
 * `nn.LSTM(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.,
 * bidirectional=False, proj_size=0, device=None, dtype=None)`: a multi-layer long short-term memory
 * RNN. `forward(input, [h_0, c_0]?)` returns `[output, [h_n, c_n]]`.
 */
export class LSTM extends RNNBase {
  constructor(inputSize: number | LSTMOptions, hiddenSize?: number | LSTMOptions, numLayers?: number | LSTMOptions, bias?: boolean | LSTMOptions, batchFirst?: boolean | LSTMOptions, dropout?: number | LSTMOptions, bidirectional?: boolean | LSTMOptions, projSize?: number | LSTMOptions);
  constructor(...args: unknown[]) {
    const a = v.bindArgs('nn.LSTM', BASE_ARGS, args, FACTORY);
    super({ ...a, mode: 'LSTM' });
  }

  /** Python's get_expected_cell_size: (num_layers * num_directions, batch, hidden_size). */
  getExpectedCellSize(input: Tensor, batchSizes: Tensor | null = null): [number, number, number] {
    const miniBatch = this._miniBatch(input, batchSizes);
    const numDirections = this.bidirectional ? 2 : 1;
    return [this.numLayers * numDirections, miniBatch, this.hiddenSize];
  }

  override checkForwardArgs(input: Tensor, hidden: Hidden, batchSizes: Tensor | null = null): void {
    const [h, c] = pairArg(this._call(), 'hidden', hidden);
    this.checkInput(input, batchSizes);
    this.checkHiddenSize(h, this.getExpectedHiddenSize(input, batchSizes), 'hidden[0]');
    this.checkHiddenSize(c, this.getExpectedCellSize(input, batchSizes), 'hidden[1]');
  }

  override permuteHidden(hx: Hidden, permutation: Tensor | null): Hidden {
    const call = this._call();
    const [h, c] = pairArg(call, 'hx', hx);
    if (optTensor(call, 'permutation', permutation) === null) return [h, c];
    return [h.indexSelect(1, permutation!), c.indexSelect(1, permutation!)];
  }

  override forward(input: Tensor, hx?: [Tensor, Tensor] | null): [Tensor, [Tensor, Tensor]];
  override forward(input: PackedSequence, hx?: [Tensor, Tensor] | null): [PackedSequence, [Tensor, Tensor]];
  override forward(input: Tensor | PackedSequence, hx?: [Tensor, Tensor] | null): [Tensor | PackedSequence, [Tensor, Tensor]] {
    const call = this._call();
    let data: Tensor;
    let batchSizes: Tensor | null = null;
    let sortedIndices: Tensor | null = null;
    let unsortedIndices: Tensor | null = null;
    let maxBatchSize: number;
    let isBatched = true;
    const batchDim = this.batchFirst ? 0 : 1;
    let h: [Tensor, Tensor] | null = null;
    if (hx !== undefined && hx !== null) h = pairArg(call, 'hx', hx);
    if (input instanceof PackedSequence) {
      [data, batchSizes, sortedIndices, unsortedIndices] = [input.data, input.batchSizes, input.sortedIndices, input.unsortedIndices];
      maxBatchSize = Number(batchSizes.get(0).item());
    } else {
      data = tensorArg(call, 'input', input);
      isBatched = data.dim() === 3;
      if (!isBatched) data = data.unsqueeze(batchDim);
      maxBatchSize = this.batchFirst ? data.size(0) : data.size(1);
    }
    if (h === null) {
      const numDirections = this.bidirectional ? 2 : 1;
      const realHiddenSize = this.projSize > 0 ? this.projSize : this.hiddenSize;
      const opts = { dtype: data.dtype, device: data.device };
      h = [
        zeros([this.numLayers * numDirections, maxBatchSize, realHiddenSize], opts),
        zeros([this.numLayers * numDirections, maxBatchSize, this.hiddenSize], opts),
      ];
    } else {
      if (batchSizes === null) {
        if (isBatched) {
          if (h[0].dim() !== 3 || h[1].dim() !== 3) {
            throw new RangeError(`${call}: For batched 3-D input, hx and cx should also be 3-D but got (${h[0].dim()}-D, ${h[1].dim()}-D) tensors`);
          }
        } else {
          if (h[0].dim() !== 2 || h[1].dim() !== 2) {
            throw new RangeError(`${call}: For unbatched 2-D input, hx and cx should also be 2-D but got (${h[0].dim()}-D, ${h[1].dim()}-D) tensors`);
          }
          h = [h[0].unsqueeze(1), h[1].unsqueeze(1)];
        }
      }
      h = this.permuteHidden(h, sortedIndices) as [Tensor, Tensor];
    }
    this.checkForwardArgs(data, h, batchSizes);
    const [out, hn, cn] = this._run(data, batchSizes, h);
    if (input instanceof PackedSequence) {
      return [new PackedSequence(out, batchSizes, sortedIndices, unsortedIndices), this.permuteHidden([hn, cn], unsortedIndices) as [Tensor, Tensor]];
    }
    if (!isBatched) return [out.squeeze(batchDim), [hn.squeeze(1), cn.squeeze(1)]];
    return [out, this.permuteHidden([hn, cn], unsortedIndices) as [Tensor, Tensor]];
  }
}

/**
 * `nn.GRU(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.,
 * bidirectional=False, device=None, dtype=None)`: a multi-layer gated recurrent unit RNN.
 * `forward(input, hx?)` returns `[output, h_n]`.
 */
export class GRU extends RNNBase {
  constructor(inputSize: number | GRUOptions, hiddenSize?: number | GRUOptions, numLayers?: number | GRUOptions, bias?: boolean | GRUOptions, batchFirst?: boolean | GRUOptions, dropout?: number | GRUOptions, bidirectional?: boolean | GRUOptions);
  constructor(...args: unknown[]) {
    const call = 'nn.GRU';
    noProjSize(call, args);
    const a = v.bindArgs(call, BASE_ARGS.slice(0, 7), args, FACTORY);
    super({ ...a, mode: 'GRU' });
  }

  override forward(input: Tensor, hx?: Tensor | null): [Tensor, Tensor];
  override forward(input: PackedSequence, hx?: Tensor | null): [PackedSequence, Tensor];
  override forward(input: Tensor | PackedSequence, hx?: Tensor | null): [Tensor | PackedSequence, Tensor] {
    return this._forwardSingle(input, hx);
  }
}

// ---- cells

export interface RNNCellBaseOptions {
  inputSize?: number;
  hiddenSize?: number;
  bias?: boolean;
  numChunks?: number;
  device?: DeviceLike | null;
  dtype?: DType | null;
}

export type RNNCellOptions = Omit<RNNCellBaseOptions, 'numChunks'> & { nonlinearity?: 'tanh' | 'relu' };
export type LSTMCellOptions = Omit<RNNCellBaseOptions, 'numChunks'>;
export type GRUCellOptions = Omit<RNNCellBaseOptions, 'numChunks'>;

/**
 * `nn.RNNCellBase(input_size, hidden_size, bias, num_chunks, device=None, dtype=None)`: the
 * parameters (weight_ih, weight_hh, bias_ih, bias_hh) of a one-step recurrent cell.
 */
export class RNNCellBase extends Module {
  declare readonly inputSize: number;
  declare readonly hiddenSize: number;
  declare readonly bias: boolean;
  declare weight_ih: Parameter;
  declare weight_hh: Parameter;
  declare bias_ih: Parameter | null;
  declare bias_hh: Parameter | null;

  constructor(inputSize: number | RNNCellBaseOptions, hiddenSize?: number | RNNCellBaseOptions, bias?: boolean | RNNCellBaseOptions, numChunks?: number | RNNCellBaseOptions);
  constructor(...args: unknown[]) {
    super();
    const call = `nn.${new.target.name}`;
    const a = v.bindArgs(call, ['inputSize', 'hiddenSize', 'bias', 'numChunks'], args, FACTORY);
    if (a.inputSize === undefined) throw new TypeError(`${call}: missing required argument 'input_size'`);
    if (a.hiddenSize === undefined) throw new TypeError(`${call}: missing required argument 'hidden_size'`);
    if (a.bias === undefined) throw new TypeError(`${call}: missing required argument 'bias'`);
    if (a.numChunks === undefined) throw new TypeError(`${call}: missing required argument 'num_chunks'`);
    const inputSize = v.int(call, 'input_size', a.inputSize, 0);
    const hiddenSize = v.int(call, 'hidden_size', a.hiddenSize, 0);
    const bias = v.bool(call, 'bias', a.bias);
    const numChunks = v.int(call, 'num_chunks', a.numChunks, 1);
    const fk = factoryKwargs(call, a);
    Object.assign(this as unknown as Record<string, unknown>, { inputSize, hiddenSize, bias });
    this.weight_ih = newParameter([numChunks * hiddenSize, inputSize], fk);
    this.weight_hh = newParameter([numChunks * hiddenSize, hiddenSize], fk);
    if (bias) {
      this.bias_ih = newParameter([numChunks * hiddenSize], fk);
      this.bias_hh = newParameter([numChunks * hiddenSize], fk);
    } else {
      this.registerParameter('bias_ih', null);
      this.registerParameter('bias_hh', null);
    }
    this.resetParameters();
  }

  override extraRepr(): string {
    let s = `${this.inputSize}, ${this.hiddenSize}`;
    if (this.bias !== true) s += `, bias=${pyRepr(this.bias)}`;
    const nl = (this as unknown as { nonlinearity?: string }).nonlinearity;
    if (nl !== undefined && nl !== 'tanh') s += `, nonlinearity=${nl}`;
    return s;
  }

  /** `reset_parameters()`: every parameter from U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)), in order. */
  resetParameters(): void {
    const stdv = this.hiddenSize > 0 ? 1.0 / Math.sqrt(this.hiddenSize) : 0;
    for (const weight of this.parameters()) init.uniform_(weight, -stdv, stdv);
  }

  /** The input as a batch (1-D input gets a batch dim of 1), and whether it was batched. */
  protected _batchInput(input: unknown): [Tensor, boolean] {
    const call = `nn.${this._getName()}.forward`;
    const x = tensorArg(call, 'input', input);
    if (x.dim() !== 1 && x.dim() !== 2) throw new RangeError(`${call}: ${this._getName()}: Expected input to be 1-D or 2-D but received ${x.dim()}-D tensor`);
    const batched = x.dim() === 2;
    return [batched ? x : x.unsqueeze(0), batched];
  }

  protected _zeros(x: Tensor): Tensor {
    return zeros([x.size(0), this.hiddenSize], { dtype: x.dtype, device: x.device });
  }
}

/**
 * `nn.RNNCell(input_size, hidden_size, bias=True, nonlinearity='tanh', device=None, dtype=None)`:
 * one step of an Elman RNN. `forward(input, hx?)` returns h'.
 */
export class RNNCell extends RNNCellBase {
  declare readonly nonlinearity: 'tanh' | 'relu';

  constructor(inputSize: number | RNNCellOptions, hiddenSize?: number | RNNCellOptions, bias?: boolean | RNNCellOptions, nonlinearity?: 'tanh' | 'relu' | RNNCellOptions);
  constructor(...args: unknown[]) {
    const call = 'nn.RNNCell';
    const a = v.bindArgs(call, ['inputSize', 'hiddenSize', 'bias', 'nonlinearity'], args, FACTORY);
    const nonlinearity = a.nonlinearity === undefined ? 'tanh' : v.oneOf(call, 'nonlinearity', a.nonlinearity, ['tanh', 'relu'] as const);
    delete a.nonlinearity;
    super({ bias: true, ...a, numChunks: 1 } as RNNCellBaseOptions);
    (this as unknown as Record<string, unknown>).nonlinearity = nonlinearity;
  }

  override forward(input: Tensor, hx?: Tensor | null): Tensor {
    const call = `nn.${this._getName()}.forward`;
    const [x, batched] = this._batchInput(input);
    let h: Tensor;
    if (hx === undefined || hx === null) h = this._zeros(x);
    else h = batched ? tensorArg(call, 'hx', hx) : tensorArg(call, 'hx', hx).unsqueeze(0);
    const cell = this.nonlinearity === 'tanh' ? rnnTanhCell : rnnReluCell;
    const ret = cell(x, h, this.weight_ih, this.weight_hh, this.bias_ih, this.bias_hh);
    return batched ? ret : ret.squeeze(0);
  }
}

/**
 * `nn.LSTMCell(input_size, hidden_size, bias=True, device=None, dtype=None)`: one LSTM step.
 * `forward(input, [h, c]?)` returns `[h', c']`.
 */
export class LSTMCell extends RNNCellBase {
  constructor(inputSize: number | LSTMCellOptions, hiddenSize?: number | LSTMCellOptions, bias?: boolean | LSTMCellOptions);
  constructor(...args: unknown[]) {
    const a = v.bindArgs('nn.LSTMCell', ['inputSize', 'hiddenSize', 'bias'], args, FACTORY);
    super({ bias: true, ...a, numChunks: 4 } as RNNCellBaseOptions);
  }

  override forward(input: Tensor, hx?: [Tensor, Tensor] | null): [Tensor, Tensor] {
    const call = `nn.${this._getName()}.forward`;
    const [x, batched] = this._batchInput(input);
    let h: [Tensor, Tensor];
    if (hx === undefined || hx === null) {
      const z = this._zeros(x);
      h = [z, z];
    } else {
      h = pairArg(call, 'hx', hx);
      if (!batched) h = [h[0].unsqueeze(0), h[1].unsqueeze(0)];
    }
    const [h1, c1] = lstmCell(x, h, this.weight_ih, this.weight_hh, this.bias_ih, this.bias_hh);
    return batched ? [h1, c1] : [h1.squeeze(0), c1.squeeze(0)];
  }
}

/**
 * `nn.GRUCell(input_size, hidden_size, bias=True, device=None, dtype=None)`: one GRU step.
 * `forward(input, hx?)` returns h'.
 */
export class GRUCell extends RNNCellBase {
  constructor(inputSize: number | GRUCellOptions, hiddenSize?: number | GRUCellOptions, bias?: boolean | GRUCellOptions);
  constructor(...args: unknown[]) {
    const a = v.bindArgs('nn.GRUCell', ['inputSize', 'hiddenSize', 'bias'], args, FACTORY);
    super({ bias: true, ...a, numChunks: 3 } as RNNCellBaseOptions);
  }

  override forward(input: Tensor, hx?: Tensor | null): Tensor {
    const call = `nn.${this._getName()}.forward`;
    const [x, batched] = this._batchInput(input);
    let h: Tensor;
    if (hx === undefined || hx === null) h = this._zeros(x);
    else h = batched ? tensorArg(call, 'hx', hx) : tensorArg(call, 'hx', hx).unsqueeze(0);
    const ret = gruCell(x, h, this.weight_ih, this.weight_hh, this.bias_ih, this.bias_hh);
    return batched ? ret : ret.squeeze(0);
  }
}
