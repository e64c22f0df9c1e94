// One ATen overload called by its schema, arguments in the schema's order (undefined takes the
// schema's default; a dtype goes as its code). For hand-written code whose Python-level function
// replaces the generated binding of the same name (lib/functional.ts), or that Python exposes as a
// property rather than a method (Tensor.real).
import { native } from './native';

const handles = new Map<string, unknown>();

/** `aten('split.sizes')` → a function calling aten::split.sizes. */
export function aten(overload: string): (...args: unknown[]) => any {  // eslint-disable-line @typescript-eslint/no-explicit-any
  let h = handles.get(overload);
  if (h === undefined) {
    const [name, over = ''] = overload.split('.');
    h = native.opHandle(`aten::${name}`, over);
    if (h === null) throw new TypeError(`the linked libtorch has no operator aten::${overload}`);
    handles.set(overload, h);
  }
  const handle = h;
  return (...args: unknown[]) => native.callOp(handle, ...args);
}
