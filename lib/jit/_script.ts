// torch/jit/_script.py: ScriptModule, the TorchScript module that torch.jit.load gives
// (a RecursiveScriptModule, as in Python). It is an nn.Module whose parameters, buffers and children
// are the TorchScript module's own: each parameter is a torch-node Parameter over the very tensor in
// the module's slot, so gradients of forward() reach it, an optimizer's in-place steps change the
// module, and to()/float() (nn.Module._apply's set_data) convert the module's tensors in place.
//
// Methods keep the file's names: `m.forward(x)`, `m.runMethod('top_value', x)` and the shortcut
// `m.top_value(x)`; JS numbers become the schema's int or float, and a trailing options object gives
// Python's keyword arguments, `m.forward(x, { steps: 5 })` (native/jit.cc). `forwardAsync`,
// `runMethodAsync` and the shortcuts' twins (`m.top_valueAsync(x)`) run the call on libuv's thread
// pool and return a Promise.
import * as fs from 'node:fs';
import { native } from '../native';
import { TorchError } from '../errors';
import { writeAtomic } from '../serialization/file';
import { Module } from '../nn/module';
import { Parameter } from '../nn/parameter';
import { Tensor } from '../tensor';
import * as v from '../validate';

/** A native module handle (native/jit.cc). */
type Handle = object;

/** Async calls in flight on a module tree: they read its tensors, which to() must not replace meanwhile. */
interface Pending {
  calls: number;
}

/** Prefixes an error from the native call with the PyTorch-side call, keeping its class. */
function named(call: string, e: unknown): unknown {
  if (e instanceof Error && !e.message.startsWith(call)) e.message = `${call}: ${e.message}`;
  return e;
}

const hidden = (value: unknown): PropertyDescriptor => ({ value, writable: false, enumerable: false, configurable: true });

export class ScriptModule extends Module {
  declare private readonly _c: Handle;
  declare private readonly _pending: Pending;
  declare private readonly _methodNames: readonly string[];
  declare private readonly _children: Map<string, ScriptModule>;
  declare private _params: Map<string, Parameter> | null;
  declare private _buffers: Map<string, Tensor> | null;

  /** @internal Wraps a native module handle; torch.jit.load makes them. */
  constructor(handle: Handle, pending: Pending = { calls: 0 }) {
    super();
    Object.defineProperty(this, '_c', hidden(handle));
    Object.defineProperty(this, '_pending', hidden(pending));
    const ctor = this.constructor as new (h: Handle, p: Pending) => ScriptModule;
    const children = new Map<string, ScriptModule>();
    for (const [name, h] of native.jitChildren(handle) as [string, Handle][]) children.set(name, new ctor(h, pending));
    Object.defineProperty(this, '_children', hidden(children));
    Object.defineProperty(this, '_params', { value: null, writable: true, enumerable: false });
    Object.defineProperty(this, '_buffers', { value: null, writable: true, enumerable: false });
    this.training = native.jitGetAttr(handle, 'training') as boolean;
    const methods = native.jitMethods(handle) as string[];
    Object.defineProperty(this, '_methodNames', hidden(Object.freeze(methods)));
    for (const name of methods) {
      if (!(name in this)) Object.defineProperty(this, name, hidden(this._method(name)));
      const twin = `${name}Async`;
      if (!(twin in this)) Object.defineProperty(this, twin, hidden((...args: unknown[]) => this.runMethodAsync(name, ...args)));
    }
    for (const name of native.jitAttributeNames(handle) as string[]) {
      if (name in this) continue; // training, and any name a method of the class already has
      Object.defineProperty(this, name, {
        get: () => this._getScriptAttr(name),
        set: (value: unknown) => this._setScriptAttr(name, value),
        enumerable: true,
        configurable: true,
      });
    }
  }

  /** The name of the scripted class (Python's `original_name`), e.g. 'Linear'. */
  get originalName(): string {
    return native.jitTypeName(this._c);
  }

  /** The TorchScript source of forward, as Python's `m.code` prints it. */
  get code(): string {
    return this._code('forward');
  }

  /** The names of the module's methods (forward and the exported ones), in the file's order. */
  methodNames(): readonly string[] {
    return this._methodNames;
  }

  /** `save(f)`: writes the module to the path f (atomically), in the format Python's torch.jit.load reads. */
  save(f: string): void {
    const call = 'ScriptModule.save';
    v.str(call, 'f', f);
    let bytes: Buffer;
    try {
      bytes = native.jitSaveBytes(this._c);
    } catch (e) {
      throw new TorchError(`${call}: ${(e as Error).message}`);
    }
    writeAtomic(f, (fd) => {
      for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done);
    });
  }

  /** Runs forward (Python's `m(*args)`). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override forward(...args: unknown[]): any {
    return this.runMethod('forward', ...args);
  }

  /** Runs a method by its name in the file: `m.runMethod('top_value', x)` is Python's `m.top_value(x)`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  runMethod(name: string, ...args: unknown[]): any {
    const call = this._callName(name);
    try {
      return native.jitRun(this._c, name, args);
    } catch (e) {
      throw named(call, e);
    }
  }

  /** forward on libuv's thread pool: the event loop keeps running; resolves to forward's result. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  forwardAsync(...args: unknown[]): Promise<any> {
    return this.runMethodAsync('forward', ...args);
  }

  /**
   * runMethod on libuv's thread pool. Arguments are converted now (an argument error rejects the
   * Promise); the input tensors stay alive until the call ends. Concurrent calls are allowed; the
   * module's device, dtype and mode cannot change until they end.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  runMethodAsync(name: string, ...args: unknown[]): Promise<any> {
    let call: string;
    let promise: Promise<unknown>;
    try {
      call = `${this._callName(name)}Async`;
    } catch (e) {
      return Promise.reject(e);
    }
    try {
      promise = native.jitRunAsync(this._c, name, args);
    } catch (e) {
      return Promise.reject(named(call, e));
    }
    this._pending.calls++;
    const done = (): void => {
      this._pending.calls--;
    };
    return promise.then(
      (r) => {
        done();
        return r;
      },
      (e) => {
        done();
        throw named(call, e);
      },
    );
  }

  override train(mode: boolean = true): this {
    const call = 'ScriptModule.train';
    v.bool(call, 'mode', mode);
    this._checkIdle(call);
    native.jitSetAttr(this._c, 'training', mode);
    this.training = mode;
    for (const m of this._children.values()) m.train(mode);
    return this;
  }

  override extraRepr(): string {
    return `original_name=${this.originalName}`;
  }

  protected override _getName(): string {
    return 'RecursiveScriptModule';
  }

  protected override _localParameters(): Iterable<[string, Parameter]> {
    this._params ??= new Map((native.jitParameters(this._c) as [string, Tensor][]).map(([k, t]) => [k, Parameter.adopt(t)]));
    return this._params;
  }

  protected override *_localBuffers(): Iterable<[string, Tensor, boolean]> {
    this._buffers ??= new Map(native.jitBuffers(this._c) as [string, Tensor][]);
    for (const [k, b] of this._buffers) yield [k, b, true];
  }

  protected override _moduleItems(): Iterable<[string, Module | null]> {
    return this._children;
  }

  protected override _apply(fn: (t: Tensor) => Tensor): this {
    this._checkIdle('ScriptModule.to');
    return super._apply(fn);
  }

  private _callName(name: unknown): string {
    if (typeof name !== 'string' || !this._methodNames.includes(name)) {
      throw new TypeError(`ScriptModule.run_method: '${this.originalName}' has no method ${JSON.stringify(name)}; its methods: ${this._methodNames.join(', ')}`);
    }
    return `ScriptModule.${name}`;
  }

  private _method(name: string): (...args: unknown[]) => unknown {
    const run = (...args: unknown[]): unknown => this.runMethod(name, ...args);
    Object.defineProperty(run, 'name', { value: name });
    Object.defineProperty(run, 'code', { get: () => this._code(name) });
    return run;
  }

  private _code(name: string): string {
    return native.jitCode(this._c, name);
  }

  private _getScriptAttr(name: string): unknown {
    const child = this._children.get(name);
    if (child) return child;
    for (const [k, p] of this._localParameters()) if (k === name) return p;
    for (const [k, b] of this._localBuffers()) if (k === name) return b;
    return native.jitGetAttr(this._c, name);
  }

  private _setScriptAttr(name: string, value: unknown): void {
    const call = `ScriptModule.${name}`;
    this._checkIdle(call);
    const isParam = [...this._localParameters()].some(([k]) => k === name);
    if (isParam && !(value instanceof Parameter)) throw new TypeError(`${call}: cannot assign ${value instanceof Tensor ? 'a Tensor' : typeof value} as parameter '${name}' (an nn.Parameter expected)`);
    try {
      native.jitSetAttr(this._c, name, value);
    } catch (e) {
      throw named(call, e);
    }
    // the slot holds the assigned tensor itself now
    if (isParam) this._params!.set(name, value as Parameter);
    else if (this._buffers?.has(name)) this._buffers.set(name, value as Tensor);
  }

  private _checkIdle(call: string): void {
    const n = this._pending.calls;
    if (n > 0) throw new Error(`${call}: ${n} forwardAsync/runMethodAsync call${n === 1 ? ' is' : 's are'} running on this module; await ${n === 1 ? 'it' : 'them'} first`);
  }
}

/** What torch.jit.load returns, as in Python: a ScriptModule whose methods and attributes come from the file. */
export class RecursiveScriptModule extends ScriptModule {}

/** A module torch.jit.trace recorded (Python's TracedModule): its forward replays the traced ops. */
export class TracedModule extends ScriptModule {
  protected override _getName(): string {
    return this.originalName;
  }
}

/** What torch.jit.trace returns for a module, as in Python. */
export class TopLevelTracedModule extends TracedModule {}
