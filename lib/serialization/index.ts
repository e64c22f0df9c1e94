// torch.load / torch.save (torch/serialization.py): reading every format Python's torch.save has
// written, writing the zip format. See load.ts for how Python values come back.
export { load, loadAsync } from './load';
export type { LoadOptions } from './load';
export { save, saveAsync } from './save';
export { safeGlobals, addSafeGlobals, getSafeGlobals, clearSafeGlobals } from './modules';
export type { SafeGlobal } from './modules';
