// torch.multiprocessing
export { spawn, startProcesses, ProcessContext, ProcessRaisedException, ProcessExitedException } from './spawn';
export type { SpawnOptions } from './spawn';
