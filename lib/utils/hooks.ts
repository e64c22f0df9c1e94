// torch/utils/hooks.py: the handle a register_*_hook call returns, and BackwardHook, what nn.Module's
// full backward hooks are made of. Also the one table of JS functions that autograd calls back
// (native/autograd_hooks.cc): `grad_fn.register_hook`'s post-hooks and `Tensor.register_hook`'s hooks.
import { native } from '../native';
import { Tensor } from '../tensor';
import { isGradEnabled } from '../autograd';
import { argError, describe, TorchError } from '../errors';

let nextId = 0;

/** `RemovableHandle`: `handle.remove()` takes its hook out of the dict it was added to. */
export class RemovableHandle {
  /** The hook's key in its dict (Python's `handle.id`): unique across all handles. */
  readonly id: number;
  private readonly hooksDict: WeakRef<Map<number, unknown>>;

  constructor(hooksDict: Map<number, unknown>) {
    if (!(hooksDict instanceof Map)) throw argError('torch.utils.hooks.RemovableHandle', 'hooks_dict', 'a Map of hooks', hooksDict);
    this.id = nextId++;
    this.hooksDict = new WeakRef(hooksDict);
  }

  remove(): void {
    if (!(this instanceof RemovableHandle)) throw argError('RemovableHandle.remove', 'self', 'a RemovableHandle', this);
    this.hooksDict.deref()?.delete(this.id);
  }
}

/** A grad_fn post-hook: `hook(gradInputs, gradOutputs)` may return replacement gradInputs. */
type NodeHook = (gradInputs: (Tensor | null)[], gradOutputs: (Tensor | null)[]) => unknown;

// The registered post-hooks by id; the native side holds only the id and reports the ids of the
// hooks whose node has been freed, which are dropped at the next registration.
const nodeHooks = new Map<number, NodeHook>();
let nextNodeHook = 0;

/** Python's check_result / check_single_result (torch/csrc/autograd/python_hook.cpp) on a hook's return. */
function dispatch(id: number, gradInputs: (Tensor | null)[], gradOutputs: (Tensor | null)[]): (Tensor | null)[] | undefined {
  const hook = nodeHooks.get(id);
  if (hook === undefined) return undefined;
  const result = hook(gradInputs, gradOutputs);
  if (result === undefined || result === null) return undefined;
  const name = hook.name || 'hook';
  if (!Array.isArray(result)) throw new TypeError(`expected tuple, but hook returned '${describe(result)}'`);
  if (result.length !== gradInputs.length) {
    throw new TorchError(`hook '${name}' has returned an incorrect number of values (got ${result.length}, but expected ${gradInputs.length})`);
  }
  return result.map((g, i) => (g === null || g === undefined ? null : checkSingleResult(gradInputs[i], g, name)));
}

/** Python's check_single_result: a hook's replacement for one gradient. */
function checkSingleResult(original: Tensor | null, g: unknown, name: string): Tensor {
  if (original === null) throw new TorchError("can't replace a None gradient with a non-None value");
  if (!(g instanceof Tensor)) throw new TypeError(`expected Variable, but hook returned '${describe(g)}'`);
  if (g.dtype !== original.dtype || String(g.device) !== String(original.device)) {
    throw new TorchError(`hook '${name}' has changed the type of value (was ${original.type()} got ${g.type()})`);
  }
  if (g.shape.length !== original.shape.length || g.shape.some((d, k) => d !== original.shape[k])) {
    throw new TorchError(`hook '${name}' has changed the size of value`);
  }
  return g;
}
native.setHookDispatcher(dispatch);

/**
 * Python's `tensor.grad_fn.register_hook(hook)`: `hook(gradInputs, gradOutputs)` runs after the node
 * has computed the gradients of its inputs (gradInputs) from those of its outputs (gradOutputs), and
 * may return replacements for gradInputs (an array of the same length). The tensor must have a grad_fn.
 * @internal
 */
export function _registerGradFnHook(t: Tensor, hook: NodeHook): void {
  const call = 'torch.Tensor.grad_fn.register_hook';
  if (!(t instanceof Tensor) || t.gradFn === null) throw argError(call, 'tensor', 'a Tensor with a grad_fn', t);
  if (typeof hook !== 'function') throw argError(call, 'hook', 'a function', hook);
  for (const id of native.releasedHooks() as number[]) nodeHooks.delete(id);
  const id = nextNodeHook++;
  nodeHooks.set(id, hook);
  try {
    native.gradFnRegisterHook(t, id);
  } catch (e) {
    nodeHooks.delete(id);
    throw e;
  }
}

/** A tensor hook: `hook(grad)` may return a replacement gradient. */
type TensorHook = (grad: Tensor) => Tensor | null | undefined | void;

// Python's Tensor._backward_hooks: each tensor's dict of hooks, which one native pre-hook runs in order.
const tensorHooks = new WeakMap<Tensor, Map<number, TensorHook>>();

/**
 * Python's `Tensor.register_hook(hook)` (torch/_tensor.py): `hook(grad)` runs when the gradient of the
 * tensor is computed, and a tensor it returns replaces that gradient (for later hooks too).
 * @internal (Tensor.registerHook)
 */
export function _registerTensorHook(t: Tensor, hook: TensorHook): RemovableHandle {
  const call = 'torch.Tensor.register_hook';
  if (!(t instanceof Tensor)) throw argError(call, 'self', 'a Tensor', t);
  if (typeof hook !== 'function') throw argError(call, 'hook', 'a function', hook);
  if (!t.requiresGrad) throw new TorchError("cannot register a hook on a tensor that doesn't require gradient");
  let hooks = tensorHooks.get(t);
  if (hooks === undefined) {
    const dict = new Map<number, TensorHook>();
    // PyFunctionTensorPreHook: each hook sees the gradient the previous ones left
    const run: NodeHook = (grads) => {
      let grad = grads[0];
      for (const h of [...dict.values()]) {
        const r = h(grad as Tensor);
        if (r !== undefined && r !== null) grad = checkSingleResult(grad, r, h.name || 'hook');
      }
      return grad === grads[0] ? undefined : [grad];
    };
    for (const id of native.releasedHooks() as number[]) nodeHooks.delete(id);
    const id = nextNodeHook++;
    nodeHooks.set(id, run);
    try {
      native.tensorRegisterHook(t, id);
    } catch (e) {
      nodeHooks.delete(id);
      throw e;
    }
    tensorHooks.set(t, dict);
    hooks = dict;
  }
  const handle = new RemovableHandle(hooks);
  hooks.set(handle.id, hook);
  return handle;
}

/** Python's `_pack_with_none`: `values` at `indices` of an array of `size` nulls. */
function packWithNone(indices: number[], values: readonly unknown[], size: number): (Tensor | null)[] {
  const res = new Array<Tensor | null>(size).fill(null);
  indices.forEach((idx, i) => { if (i < values.length) res[idx] = values[i] as Tensor | null; });
  return res;
}

/** Python's `_apply_on_tensors`: the args with their tensors replaced by BackwardHookFunction's views. */
function applyOnTensors(fn: (t: Tensor) => void, args: unknown[]): [unknown[], number[] | null] {
  const tensorsIdx: number[] = [];
  const tensors: Tensor[] = [];
  let requiresGrad = false;
  args.forEach((arg, i) => {
    if (arg instanceof Tensor) {
      tensorsIdx.push(i);
      tensors.push(arg);
      requiresGrad ||= arg.requiresGrad;
    }
  });
  if (!(requiresGrad && isGradEnabled())) return [args, null];
  const newTensors: Tensor[] = native.backwardHookFunction(tensors);
  const withFn = newTensors.find((t) => t.gradFn?.name() === 'BackwardHookFunctionBackward');
  if (withFn === undefined) throw new TorchError('Error while setting up backward hooks.');
  fn(withFn);
  const argList = [...args];
  tensorsIdx.forEach((idx, i) => { argList[idx] = newTensors[i]; });
  return [argList, tensorsIdx];
}

/** A full backward hook: `hook(module, gradInput, gradOutput)`, may return a new gradInput. */
export type FullBackwardHook = (module: never, gradInput: (Tensor | null)[], gradOutput: (Tensor | null)[]) => unknown;

/**
 * Python's `torch.utils.hooks.BackwardHook`: wraps a module call's tensor inputs and outputs in
 * BackwardHookFunction (views of them whose grad_fn is a BackwardHookFunctionBackward node), records
 * the output gradients when the outputs' node runs, and calls the user hooks with the input
 * gradients when the inputs' node runs; non-tensor arguments are null in both.
 */
export class BackwardHook {
  userHooks: FullBackwardHook[];
  module: unknown;
  gradOutputs: (Tensor | null)[] | null = null;
  nOutputs = -1;
  outputTensorsIndex: number[] | null = null;
  nInputs = -1;
  inputTensorsIndex: number[] | null = null;

  constructor(module: unknown, userHooks: FullBackwardHook[]) {
    if (!Array.isArray(userHooks) || userHooks.some((h) => typeof h !== 'function')) {
      throw argError('torch.utils.hooks.BackwardHook', 'user_hooks', 'an array of functions', userHooks);
    }
    this.userHooks = userHooks;
    this.module = module;
  }

  /** Python's `_set_user_hook(grad_fn)`, on the grad_fn of `t`. */
  private setUserHook(t: Tensor): void {
    _registerGradFnHook(t, (gradInput) => {
      // No gradOutputs: the gradient reached the inputs without passing through the outputs (double backward).
      if (this.gradOutputs === null) return undefined;
      let res = packWithNone(this.inputTensorsIndex!, gradInput, this.nInputs);
      for (const hook of this.userHooks) {
        const out = (hook as (...a: unknown[]) => unknown)(this.module, res, this.gradOutputs);
        if (out === undefined || out === null) continue;
        if (!Array.isArray(out)) throw new TypeError(`Backward hook must return an array of gradients (Python's tuple) or nothing, got ${describe(out)}`);
        if (out.length !== res.length) {
          throw new TorchError(`Backward hook returned an invalid number of grad_input, got ${out.length}, but expected ${res.length}`);
        }
        res = out as (Tensor | null)[];
      }
      this.gradOutputs = null;
      return this.inputTensorsIndex!.map((idx) => res[idx]);
    });
  }

  /** `setup_input_hook(args)`: the module's positional arguments, wrapped. */
  setupInputHook(args: unknown[]): unknown[] {
    if (!Array.isArray(args)) throw argError('torch.utils.hooks.BackwardHook.setup_input_hook', 'args', 'an array', args);
    const [res, inputIdx] = applyOnTensors((t) => this.setUserHook(t), args);
    this.nInputs = args.length;
    this.inputTensorsIndex = inputIdx;
    return res;
  }

  /** `setup_output_hook(args)`: the module's output (an array is Python's tuple), wrapped. */
  setupOutputHook(output: unknown): unknown {
    const isTuple = Array.isArray(output);
    const args = isTuple ? (output as unknown[]) : [output];
    const [res, outputIdx] = applyOnTensors((t) => {
      _registerGradFnHook(t, (_gradInput, gradOutput) => {
        this.gradOutputs = packWithNone(this.outputTensorsIndex!, gradOutput, this.nOutputs);
        // No input requires grad: the inputs' node never runs, so the user hooks run here.
        if (this.inputTensorsIndex === null) {
          const gradInputs = packWithNone([], [], this.nInputs);
          for (const userHook of this.userHooks) {
            const r = (userHook as (...a: unknown[]) => unknown)(this.module, gradInputs, this.gradOutputs);
            if (r !== undefined && r !== null && !(Array.isArray(r) && r.every((el) => el === null || el === undefined))) {
              throw new TorchError('Backward hook for Modules where no input requires gradient should always return None or None for all gradients.');
            }
          }
          this.gradOutputs = null;
        }
        return undefined;
      });
    }, args);
    this.nOutputs = args.length;
    this.outputTensorsIndex = outputIdx;
    return isTuple ? res : res[0];
  }
}
