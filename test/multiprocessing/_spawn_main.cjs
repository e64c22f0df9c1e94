// The main script of test/multiprocessing/spawn.test.ts: torch.multiprocessing.spawn runs this file
// again in each child, where the same spawn call runs fn(i, ...args).
'use strict';
const path = require('node:path');
const mp = require(path.resolve(__dirname, '../../dist/lib/multiprocessing/index.js'));

const mode = process.argv[2];
function fn(i, base, note) {
  if (mode === 'throw' && i === 1) throw new Error(`child ${i} failed on purpose`);
  if (mode === 'exit' && i === 0) process.exit(7);
  if (mode === 'exit' && i !== 0) return new Promise((res) => setTimeout(res, 120000));
  console.log(`CHILD ${JSON.stringify({ i, value: base + i, note, rank: process.env.TORCH_NODE_SPAWN_INDEX })}`);
}
mp.spawn(fn, { args: [100, { tag: 'x' }], nprocs: mode === 'ok' ? 3 : 2 }).then(
  () => console.log('JOINED'),
  (e) => {
    console.log(`REJECTED ${e.name}: ${e.message.trim().split('\n')[0]} | ${e.message.includes('failed on purpose')}`);
    process.exit(0);
  },
);
