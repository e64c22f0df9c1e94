// torch.nn.utils.init (torch/nn/utils/init.py, PyTorch 1.13): skip_init.
import { Module } from '../module';
import { describe, TorchError } from '../../errors';
import { DeviceLike } from '../../device';
import * as v from '../../validate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ModuleClass<M extends Module> = new (...args: any[]) => M;

const NO_DEVICE = "nn.utils.skip_init: Module must support a 'device' arg to skip initialization";

/**
 * `skip_init(module_cls, *args, **kwargs)`: `new moduleCls(...args, kwargs)` without initializing its
 * parameters and buffers, as Python: the module is built on the meta device (so its reset_parameters
 * touches no memory and draws no random numbers), then `toEmpty({ device: kwargs.device })` (the CPU
 * by default) gives it uninitialized memory of the right shapes and dtypes there. Python's kwargs are
 * the trailing options object; the class must take a `device` option.
 */
export function skipInit<M extends Module>(moduleCls: ModuleClass<M>, ...args: unknown[]): M {
  if (typeof moduleCls !== 'function' || !(moduleCls.prototype instanceof Module)) {
    throw new TorchError(`nn.utils.skip_init: Expected a Module; got ${describe(moduleCls)}`);
  }
  const hasKwargs = args.length > 0 && v.isPlainObject(args[args.length - 1]);
  const kwargs = hasKwargs ? { ...(args[args.length - 1] as Record<string, unknown>) } : {};
  const positional = hasKwargs ? args.slice(0, -1) : args;
  // Python's kwargs.pop('device', 'cpu'): an explicit None (null) leaves the module on the meta device
  const finalDevice = kwargs.device === undefined ? 'cpu' : (kwargs.device as DeviceLike | null);
  let module: M;
  try {
    module = new moduleCls(...positional, { ...kwargs, device: 'meta' });
  } catch (e) {
    // Python checks the signature first; a torch-node module that has no device option says so by name
    if (e instanceof TypeError && /unknown option 'device'/.test(e.message)) throw new TorchError(NO_DEVICE);
    throw e;
  }
  // a class that took the option without passing it on to its tensors made them on another device
  for (const t of [...module.parameters(), ...module.buffers()]) if (!t.isMeta) throw new TorchError(NO_DEVICE);
  return module.toEmpty({ device: finalDevice as DeviceLike });
}
