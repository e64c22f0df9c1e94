// torch.distributed: `const dist = torch.distributed`.
export {
  isAvailable, isGlooAvailable, isNcclAvailable, isMpiAvailable, isInitialized, isTorchelasticLaunched,
  Backend, ReduceOp, ProcessGroup, Work, GroupMember, group, NON_GROUP_MEMBER, defaultPgTimeout,
  initProcessGroup, destroyProcessGroup, newGroup, getRank, getWorldSize, getBackend, getGlobalRank, getProcessGroupRanks, getInitMethod,
  allReduce, allReduceCoalesced, reduce, broadcast, allGather, allGatherIntoTensor, gather, scatter, reduceScatter, allToAll, allToAllSingle,
  barrier, monitoredBarrier, send, recv, isend, irecv,
} from './distributed_c10d';
export type { Group, InitProcessGroupOptions } from './distributed_c10d';
export { Store, TCPStore, FileStore, HashStore, PrefixStore } from './store';
