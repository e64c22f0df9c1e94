// The hook objects of weight_norm / spectral_norm: Python registers the WeightNorm / SpectralNorm object
// itself as the forward pre-hook and finds it again with isinstance(); here the registered hook is a
// function and this map leads from it back to its object.
import { Module } from '../module';
import { Tensor } from '../../tensor';
import { argError } from '../../errors';

const owners = new WeakMap<object, object>();

export function hookFor<T extends object, F extends (...args: never[]) => unknown>(obj: T, fn: F): F {
  owners.set(fn, obj);
  return fn;
}

/** The registered forward pre-hooks of `module` with their ids: Python's `module._forward_pre_hooks.items()`. */
export function preHooks(module: Module): Map<number, unknown> {
  return (module as unknown as { _forwardPreHooks: Map<number, unknown> })._forwardPreHooks;
}

/** The object behind a registered hook, or undefined. */
export function hookOwner(hook: unknown): object | undefined {
  return typeof hook === 'function' ? owners.get(hook) : undefined;
}

export function moduleArg(call: string, m: unknown, name = 'module'): Module {
  if (!(m instanceof Module)) throw argError(call, name, 'an nn.Module', m);
  return m;
}

/** Python's member kind of `name` in `module` (`'parameter'`, `'buffer'`, `'module'`), or undefined. */
export function memberKind(module: Module, name: string): string | undefined {
  return (module as unknown as { _kinds: Map<string, string> })._kinds.get(name);
}

export function attr(module: Module, name: string): unknown {
  return (module as unknown as Record<string, unknown>)[name];
}

export function setAttr(module: Module, name: string, value: unknown): void {
  (module as unknown as Record<string, unknown>)[name] = value;
}

export function delAttr(module: Module, name: string): void {
  delete (module as unknown as Record<string, unknown>)[name];
}

export function tensorAttr(call: string, module: Module, name: string): Tensor {
  const t = attr(module, name);
  if (!(t instanceof Tensor)) throw new Error(`${call}: '${module.constructor.name}' object has no tensor attribute '${name}'`);
  return t;
}
