// The entry file of a DataLoader worker thread (dist/lib/utils/data/_utils/worker_main.js): loads
// torch-node in this thread and runs the worker loop.
import { workerData, parentPort } from 'node:worker_threads';
import { workerLoop } from './worker';

if (parentPort && workerData && workerData.torchNodeDataLoader) workerLoop(workerData.torchNodeDataLoader, parentPort);
