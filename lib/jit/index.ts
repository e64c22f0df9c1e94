// torch.jit: TorchScript modules saved by Python (torch.jit.script / trace + save) or by torch-node.
export { ScriptModule, RecursiveScriptModule } from './_script';
export { load, save } from './_serialization';
export type { JitLoadOptions } from './_serialization';
