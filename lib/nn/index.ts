// torch.nn: `const { nn } = torch`. A plain list of exports, one area per line.
export { Module } from './module';
export type { StateDict, IncompatibleKeys } from './module';
export { Parameter } from './parameter';
