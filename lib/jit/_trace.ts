// torch/jit/_trace.py: torch.jit.trace of a torch-node module. libtorch's tracer records the ops that
// the module's forward dispatches (native/jit.cc, jitTrace); its parameters and buffers, registered on a
// TorchScript module that mirrors the JS module tree, become attribute reads of `self`. The result is a
// ScriptModule that Python's torch.jit.load reads and runs.
import { native } from '../native';
import { argError } from '../errors';
import { Module, _setTraceScopes } from '../nn/module';
import { Tensor } from '../tensor';
import { noGrad } from '../autograd';
import { ScriptModule, TopLevelTracedModule } from './_script';
import * as v from '../validate';

export interface TraceOptions {
  /** Run the traced module on the example inputs (or `checkInputs`) and warn when it disagrees with the module. */
  checkTrace?: boolean;
  /** Lists of inputs to check the trace with, instead of the example inputs. */
  checkInputs?: (Tensor | Tensor[])[] | null;
  /** The relative tolerance of the check. */
  checkTolerance?: number;
  /** Whether mutable containers (lists, dicts) as outputs are an error, as in Python. */
  strict?: boolean;
}

interface Mirror {
  name: string;
  training: boolean;
  parameters: [string, Tensor][];
  buffers: [string, Tensor][];
  children: [string, Mirror][];
}

function mirror(m: Module, seen: Set<Module>): Mirror {
  if (m instanceof ScriptModule) throw new TypeError('torch.jit.trace: tracing a module that contains a ScriptModule is not supported; trace the TS modules around it');
  if (seen.has(m)) throw new TypeError(`torch.jit.trace: the module ${m.constructor.name} appears twice in the module tree; a traced module needs each submodule once`);
  seen.add(m);
  return {
    name: m.constructor.name || 'Module',
    training: m.training,
    parameters: [...m.namedParameters({ recurse: false })],
    buffers: [...m.namedBuffers({ recurse: false })],
    children: [...m.namedChildren()].map(([name, c]) => [name, mirror(c, seen)] as [string, Mirror]),
  };
}

/** Python's _trace_module_map: each submodule's scope, `__module.<path>`. */
function scopeNames(m: Module, prefix: string, names: Map<Module, string>): Map<Module, string> {
  for (const [name, child] of m.namedChildren()) {
    names.set(child, `${prefix}.${name}`);
    scopeNames(child, `${prefix}.${name}`, names);
  }
  return names;
}

/**
 * Python's get_callable_argument_names: the names of forward's parameters, from its source, or none
 * when one is not a plain name (a rest parameter, a default, a destructuring pattern).
 */
function argumentNames(fn: (...args: unknown[]) => unknown): string[] {
  const params = /^[^(]*\(([^)]*)\)/.exec(Function.prototype.toString.call(fn));
  if (!params) return [];
  const names = params[1].split(',').map((p) => p.replace(/\/\*.*?\*\/|\/\/.*$/gm, '').trim()).filter((p) => p !== '');
  return names.every((p) => /^[A-Za-z_$][\w$]*$/.test(p)) ? names : [];
}

function inputList(call: string, name: string, x: unknown): Tensor[] {
  if (x instanceof Tensor) return [x];
  if (Array.isArray(x) && x.every((t) => t instanceof Tensor)) return x as Tensor[];
  throw argError(call, name, 'a Tensor or an array of Tensors', x);
}

function flatOutputs(out: unknown): Tensor[] {
  if (out instanceof Tensor) return [out];
  return (out as unknown[]).flatMap(flatOutputs);
}

/** Python's _check_trace, on outputs: warns (TracerWarning) where the trace's output differs from the module's. */
function checkTrace(module: Module, traced: ScriptModule, inputs: Tensor[][], rtol: number): void {
  noGrad(() => {
    for (const args of inputs) {
      const expected = flatOutputs(module.forward(...args));
      const got = flatOutputs(traced.forward(...args));
      expected.forEach((e, k) => {
        const g = got[k];
        const atol = e.dtype.isFloatingPoint ? 1e-5 : 0;
        if (g === undefined || !g.allclose(e, { rtol, atol, equalNan: true })) {
          process.emitWarning(
            `Output nr ${k + 1}. of the traced function does not match the corresponding output of the module. ` +
              'Detailed error: the outputs are not close (rtol ' + rtol + ', atol ' + atol + ')',
            'TracerWarning',
          );
        }
      });
    }
  });
}

/**
 * `torch.jit.trace(mod, example_inputs, check_trace=True, check_inputs=None, check_tolerance=1e-5,
 * strict=True)`: runs `mod.forward(...exampleInputs)` once under libtorch's tracer and gives a
 * TopLevelTracedModule whose forward replays the recorded ops. As in Python, control flow that depends
 * on tensor values is frozen to the path the example took, and the traced module shares the module's
 * parameters and buffers.
 */
export function trace(mod: Module, exampleInputs: Tensor | Tensor[], options: TraceOptions = {}): TopLevelTracedModule {
  const call = 'torch.jit.trace';
  if (!(mod instanceof Module)) throw argError(call, 'func', 'an nn.Module', mod);
  const inputs = inputList(call, 'example_inputs', exampleInputs);
  if (options === null || typeof options !== 'object') throw argError(call, 'options', 'an options object', options);
  const strict = options.strict === undefined ? true : v.bool(call, 'strict', options.strict);
  const check = options.checkTrace === undefined ? true : v.bool(call, 'check_trace', options.checkTrace);
  const tolerance = options.checkTolerance === undefined ? 1e-5 : v.number(call, 'check_tolerance', options.checkTolerance);
  const checks =
    options.checkInputs === undefined || options.checkInputs === null
      ? [inputs]
      : Array.isArray(options.checkInputs)
        ? options.checkInputs.map((x, k) => inputList(call, `check_inputs[${k}]`, x))
        : (() => {
            throw argError(call, 'check_inputs', 'an array of input lists', options.checkInputs);
          })();
  const spec = mirror(mod, new Set());
  const forward = Reflect.get(Object.getPrototypeOf(mod), 'forward', mod) as (...args: unknown[]) => unknown;
  _setTraceScopes({ names: scopeNames(mod, '__module', new Map()), push: native.jitTracePushScope, pop: native.jitTracePopScope });
  let handle: object;
  try {
    handle = native.jitTrace(spec, (args: Tensor[]) => mod.forward(...args), inputs, strict, argumentNames(forward));
  } finally {
    _setTraceScopes(null);
  }
  const traced = new TopLevelTracedModule(handle);
  if (check) checkTrace(mod, traced, checks, tolerance);
  return traced;
}
