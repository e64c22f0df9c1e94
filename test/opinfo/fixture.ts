// The OpInfo fixture ($TORCH_NODE_FIXTURES/opinfo, written by test/fixtures/gen_opinfo.py) and the
// contract's Python → TypeScript naming, shared by the suite and its child processes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { largeFixturesDir } from '../helpers/fixtures';

export const opinfoDir = path.join(largeFixturesDir, 'opinfo');

/** [dtype, shape, byte offset in data.bin] */
export type TensorInfo = [string, number[], number];

/** A value as gen_opinfo.py encodes it (see its docstring). */
export type Encoded =
  | null | number | boolean | string | Encoded[]
  | { t: number; rg?: boolean } | { float: 'inf' | '-inf' | 'nan' } | { dtype: string } | { memoryFormat: string }
  | { layout: string } | { device: string } | { slice: Encoded[] } | { ellipsis: true };

export interface Sample {
  seed: number;
  input: Encoded;
  args: Encoded[];
  kwargs: Record<string, Encoded>;
  out?: Encoded;
  error?: string;
  valuesUnchecked?: boolean;
  grads?: Encoded[];
  gradsUnchecked?: boolean;
  gradError?: string;
  method?: boolean;
  inplace?: boolean;
}

export interface OpEntry {
  name: string;
  variant: string;
  aten: string;
  family: string;
  opinfo: string;
  call: Record<string, unknown> | null;
  notRun?: string;
  rtol: number;
  atol: number;
  tolFrom?: string[];
  method?: string | null;
  inplace?: string | null;
  samples: Sample[];
  unencodable: number;
}

export interface OpinfoIndex {
  torch: string;
  /** Where Python made the samples (OPINFO_DEVICE); the runner makes its inputs there. Absent: cpu. */
  device?: string;
  opDbSize: number;
  defaultTolerances: Record<string, [number, number]>;
  ops: OpEntry[];
  tensors: TensorInfo[];
}

export function hasOpinfoFixture(): boolean {
  return fs.existsSync(path.join(opinfoDir, 'index.json')) && fs.existsSync(path.join(opinfoDir, 'data.bin'));
}

export function loadIndex(): OpinfoIndex {
  return JSON.parse(fs.readFileSync(path.join(opinfoDir, 'index.json'), 'utf8')) as OpinfoIndex;
}

export function loadData(): Buffer {
  return fs.readFileSync(path.join(opinfoDir, 'data.bin'));
}

/** An op's name in the report: `name` or `name.variant`, as OpInfo's test ids spell it. */
export function opLabel(op: OpEntry): string {
  return op.variant ? `${op.name}.${op.variant}` : op.name;
}

/** camelCase of a Python name, keeping leading and trailing underscores: log_softmax → logSoftmax,
 *  max_pool2d → maxPool2d, resize_as_ → resizeAs_. */
export function tsName(py: string): string {
  return py.replace(/(?<=[A-Za-z0-9])_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** A dotted Python path in TypeScript: namespaces keep their spelling, the function is camelCase. */
export function tsPath(py: string): string {
  const parts = py.split('.');
  return [...parts.slice(0, -1), tsName(parts[parts.length - 1])].join('.');
}
