// torch.load(f, { weightsOnly: true }): torch/_weights_only_unpickler.py of PyTorch 1.13. The pickle may
// name only the globals of its _get_allowed_globals() (tensor and storage classes, the tensor rebuild
// functions, OrderedDict, ten dtypes) and use only the opcodes its Unpickler knows (no floats, for one);
// anything else fails as Python fails, with serialization.py's UNSAFE_MESSAGE before the reason.
import { FormatError } from './pickle';
import { Classes, findClass } from './rebuild';

const UNSAFE_MESSAGE =
  'Weights only load failed. Re-running `torch.load` with `weights_only` set to `False`' +
  ' will likely succeed, but it can result in arbitrary code execution.' +
  'Do it only if you get the file from a trusted source. WeightsUnpickler error: ';

/** Why a weights-only load failed; torch.load names the file before it. */
export class WeightsOnlyError extends FormatError {
  constructor(reason: string) {
    super(UNSAFE_MESSAGE + reason);
  }
}

const DENSE = ['BFloat16', 'Bool', 'Byte', 'Char', 'Double', 'Float', 'Half', 'Int', 'Long', 'Short'];
const SPARSE = DENSE.filter((t) => t !== 'Bool');
const STORAGES = ['BFloat16', 'Bool', 'Byte', 'Char', 'ComplexDouble', 'ComplexFloat', 'Double', 'Float', 'Half', 'Int', 'Long', 'Short'];
const QUANTIZED_STORAGES = ['QInt32', 'QInt8', 'QUInt2x4', 'QUInt4x2', 'QUInt8'];

/** _get_allowed_globals()'s names, in the order Python builds them. */
export const ALLOWED_GLOBALS: ReadonlySet<string> = new Set([
  'collections.OrderedDict',
  'torch.nn.parameter.Parameter',
  'torch.serialization._get_layout',
  'torch.Size',
  'torch.Tensor',
  ...['complex32', 'complex64', 'complex128', 'float16', 'float32', 'float64', 'int8', 'int16', 'int32', 'int64'].map((d) => `torch.${d}`),
  // torch._tensor_classes
  ...['torch', 'torch.cuda'].flatMap((m) => DENSE.map((t) => `${m}.${t}Tensor`)),
  ...['torch.sparse', 'torch.cuda.sparse'].flatMap((m) => SPARSE.map((t) => `${m}.${t}Tensor`)),
  // torch._storage_classes
  'torch.storage.UntypedStorage',
  'torch.storage.TypedStorage',
  ...[...STORAGES, ...QUANTIZED_STORAGES].map((t) => `torch.${t}Storage`),
  ...STORAGES.map((t) => `torch.cuda.${t}Storage`),
  ...['parameter', 'tensor', 'tensor_v2', 'sparse_tensor', 'meta_tensor_no_storage', 'sparse_csr_tensor'].map((f) => `torch._utils._rebuild_${f}`),
]);

/** The opcodes its Unpickler.load knows, by pickle's names (no BINFLOAT, for one). */
const ALLOWED_OPCODES: ReadonlySet<number> = new Set([
  0x61, 0x65, 0x68, 0x4a, 0x4b, 0x4d, 0x51, 0x71, 0x58, 0x62, // APPEND APPENDS BINGET BININT BININT1 BININT2 BINPERSID BINPUT BINUNICODE BUILD
  0x7d, 0x5d, 0x8f, 0x29, 0x63, 0x8a, 0x6a, 0x72, 0x28, 0x89, // EMPTY_DICT EMPTY_LIST EMPTY_SET EMPTY_TUPLE GLOBAL LONG1 LONG_BINGET LONG_BINPUT MARK NEWFALSE
  0x81, 0x88, 0x4e, 0x80, 0x52, 0x73, 0x75, 0x55, 0x2e, 0x74, // NEWOBJ NEWTRUE NONE PROTO REDUCE SETITEM SETITEMS SHORT_BINSTRING STOP TUPLE
  0x85, 0x86, 0x87, // TUPLE1 TUPLE2 TUPLE3
]);

export const WEIGHTS_ONLY: Classes = {
  findClass(module: string, name: string): unknown {
    const full = `${module}.${name}`;
    if (!ALLOWED_GLOBALS.has(full)) throw new WeightsOnlyError(`Unsupported class ${full}`);
    return findClass(module, name);
  },
  opcode(op: number): void {
    if (!ALLOWED_OPCODES.has(op)) throw new WeightsOnlyError(`Unsupported operand ${op}`);
  },
};

/** weights_only as torch.load settles it: the option, or TORCH_FORCE_WEIGHTS_ONLY_LOAD set to 1/y/yes/true. */
export function forcedWeightsOnly(): boolean {
  return ['1', 'y', 'yes', 'true'].includes((process.env.TORCH_FORCE_WEIGHTS_ONLY_LOAD ?? '0').toLowerCase());
}
