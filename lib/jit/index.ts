// torch.jit: TorchScript modules saved by Python (torch.jit.script / trace + save) or by torch-node,
// and torch.jit.trace of torch-node modules.
export { ScriptModule, RecursiveScriptModule, TracedModule, TopLevelTracedModule } from './_script';
export { load, loadAsync, save } from './_serialization';
export { trace } from './_trace';
export type { JitLoadOptions } from './_serialization';
export type { TraceOptions } from './_trace';
