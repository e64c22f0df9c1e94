// torch.nn.utils: `nn.utils.rnn.packPaddedSequence`, ... One area per line.
export * as rnn from './rnn';
