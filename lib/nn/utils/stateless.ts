// torch.nn.utils.stateless (torch/nn/utils/stateless.py, PyTorch 1.13): functional_call runs a module
// with some of its parameters and buffers replaced by given tensors, for the duration of the call.
// Python swaps each holder module's class for one whose __getattribute__/__setattr__ read and write
// the given dict; here each replaced member becomes, for the call, an accessor over that dict, and
// the original member is put back afterwards (also when the call throws).
import { Tensor } from '../../tensor';
import { Module } from '../module';
import * as v from '../../validate';
import { argError } from '../../errors';
import { moduleArg, attr } from './_hooks';

type Store = { get(k: string): unknown; set(k: string, x: unknown): void };

/**
 * `functional_call(module, parameters_and_buffers, args, kwargs=None)`: `module.forward(...args)`
 * with the tensors named by the keys of `parametersAndBuffers` (a Map or an object, keys as in
 * `stateDict()`, e.g. `'0.weight'`) in place of the module's own. `args` is an array of arguments or a
 * single argument; `kwargs`, when given, is passed as a trailing options object.
 */
export function functionalCall(module: Module, parametersAndBuffers: Map<string, Tensor> | Record<string, Tensor>, args: unknown, kwargs?: Record<string, unknown> | null): unknown {
  const call = 'nn.utils.stateless.functional_call';
  moduleArg(call, module);
  let store: Store;
  let names: string[];
  if (parametersAndBuffers instanceof Map) {
    store = parametersAndBuffers as Map<string, unknown>;
    names = [...parametersAndBuffers.keys()];
  } else if (v.isPlainObject(parametersAndBuffers)) {
    const o = parametersAndBuffers as Record<string, unknown>;
    store = { get: (k) => o[k], set: (k, x) => { o[k] = x; } };
    names = Object.keys(o);
  } else throw argError(call, 'parameters_and_buffers', 'a Map or an object of tensors', parametersAndBuffers);
  for (const k of names) {
    if (typeof k !== 'string') throw argError(call, 'parameters_and_buffers key', 'a string', k);
    if (!(store.get(k) instanceof Tensor)) throw argError(call, `parameters_and_buffers['${k}']`, 'a Tensor', store.get(k));
  }
  const callArgs = Array.isArray(args) ? [...args] : [args];
  if (kwargs !== undefined && kwargs !== null) {
    if (!v.isPlainObject(kwargs)) throw argError(call, 'kwargs', 'an object', kwargs);
    if (Object.keys(kwargs).length > 0) callArgs.push(kwargs);
  }
  // the holder module of each name, as Python's _apply_func_submodules walks the path
  const holders = names.map((full): [Module, string] => {
    const path = full.split('.');
    let m: Module = module;
    for (const p of path.slice(0, -1)) {
      const next = attr(m, p);
      if (!(next instanceof Module)) throw new TypeError(`${call}: '${m.constructor.name}' object has no submodule '${p}' (in '${full}')`);
      m = next;
    }
    return [m, path[path.length - 1]];
  });
  const replaced = new Map<unknown, unknown>();
  const saved: [Module, string, PropertyDescriptor | undefined][] = [];
  try {
    holders.forEach(([m, name], i) => {
      const full = names[i];
      const old = attr(m, name);
      if (old !== undefined) {
        const t = store.get(full);
        if (!replaced.has(old)) replaced.set(old, t);
        else if (replaced.get(old) !== t) {
          process.emitWarning('functional_call was passed multiple values for tied weights. This behavior is deprecated and will be an error in future versions', 'UserWarning');
        }
      }
      if (saved.some(([sm, sn]) => sm === m && sn === name)) return;
      saved.push([m, name, Reflect.getOwnPropertyDescriptor(m, name)]);
      Reflect.defineProperty(m, name, {
        get: () => store.get(full),
        set: (x: unknown) => store.set(full, x),
        configurable: true,
        enumerable: true,
      });
    });
    return (module.forward as (...a: unknown[]) => unknown)(...callArgs);
  } finally {
    for (const [m, name, desc] of saved.reverse()) {
      if (desc === undefined) Reflect.deleteProperty(m, name);
      else Reflect.defineProperty(m, name, desc);
    }
  }
}
