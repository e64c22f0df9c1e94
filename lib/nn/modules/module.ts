// torch.nn.modules.module: the Module class and the hooks common to all modules
// (`torch.nn.modules.module.registerModuleForwardHook(hook)`).
export {
  Module, registerModuleForwardPreHook, registerModuleForwardHook, registerModuleBackwardHook, registerModuleFullBackwardHook,
} from '../module';
