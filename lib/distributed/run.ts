#!/usr/bin/env node
// torch-node-run: torchrun's launcher (torch/distributed/run.py) for Node scripts.
//   npx torch-node-run --nproc-per-node 2 train.js [script args...]
// Starts nproc-per-node copies of the script on this node with torchrun's environment (RANK,
// LOCAL_RANK, WORLD_SIZE, LOCAL_WORLD_SIZE, GROUP_RANK, MASTER_ADDR, MASTER_PORT, ...), so that
// `dist.initProcessGroup('gloo')` (init method env://) finds its group. Signals the launcher gets
// are passed on to every worker. When a worker fails, the others are stopped (SIGTERM, then SIGKILL
// after a grace period) and the launcher exits with status 1 after naming the failed rank, as
// torchrun does.
import { spawn, ChildProcess } from 'node:child_process';
import * as os from 'node:os';
import * as net from 'node:net';

const USAGE = `usage: torch-node-run [--nnodes N] [--node-rank R] [--nproc-per-node N] [--master-addr ADDR]
                      [--master-port PORT] [--standalone] [--no-node] [--monitor-interval S]
                      script [script args...]

Runs nproc-per-node copies of a Node script (or, with --no-node, of any executable) with torchrun's
environment variables. Each flag also takes torchrun's underscore spelling (--nproc_per_node 2)
and the --flag=value form.
  --nproc-per-node N   workers on this node: a number, 'cpu' (one per core) or 'auto' (default 1)
  --nnodes N           nodes in the job (default 1)
  --node-rank R        this node's rank, 0..nnodes-1 (default 0)
  --master-addr ADDR   address of rank 0's node (default 127.0.0.1)
  --master-port PORT   port of rank 0's store (default 29500)
  --standalone         single node: pick a free local port for the store
  --no-node            run the script as an executable instead of with node
  --kill-grace S       seconds between SIGTERM and SIGKILL when stopping workers (default 5)`;

interface Options {
  nprocPerNode: number;
  nnodes: number;
  nodeRank: number;
  masterAddr: string;
  masterPort: number | null;
  standalone: boolean;
  noNode: boolean;
  killGrace: number;
  script: string;
  scriptArgs: string[];
}

class UsageError extends Error {}

function parseIntArg(flag: string, s: string | undefined, min: number): number {
  if (s === undefined || !/^\d+$/.test(s)) throw new UsageError(`${flag} expects an integer, got ${s === undefined ? 'nothing' : JSON.stringify(s)}`);
  const n = Number(s);
  if (n < min) throw new UsageError(`${flag} must be at least ${min}, got ${n}`);
  return n;
}

export function parseArgs(argv: string[]): Options {
  const o: Options = { nprocPerNode: 1, nnodes: 1, nodeRank: 0, masterAddr: '127.0.0.1', masterPort: null, standalone: false, noNode: false, killGrace: 5, script: '', scriptArgs: [] };
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('-')) break;
    if (arg === '--') {
      i++;
      break;
    }
    const eq = arg.indexOf('=');
    const flag = (eq >= 0 ? arg.slice(0, eq) : arg).replace(/_/g, '-');
    const value = (): string | undefined => (eq >= 0 ? arg.slice(eq + 1) : argv[++i]);
    switch (flag) {
      case '--nproc-per-node': {
        const s = value();
        o.nprocPerNode = s === 'cpu' || s === 'auto' ? os.cpus().length : parseIntArg('--nproc-per-node', s, 1);
        break;
      }
      case '--nnodes': {
        const s = value();
        // torchrun accepts MIN:MAX for elastic jobs; a static job has MIN = MAX
        const m = s === undefined ? null : /^(\d+):(\d+)$/.exec(s);
        if (m && m[1] !== m[2]) throw new UsageError('--nnodes: elastic ranges (MIN:MAX with MIN < MAX) are not supported; give one number');
        o.nnodes = parseIntArg('--nnodes', m ? m[1] : s, 1);
        break;
      }
      case '--node-rank':
        o.nodeRank = parseIntArg('--node-rank', value(), 0);
        break;
      case '--master-addr': {
        const s = value();
        if (!s) throw new UsageError('--master-addr expects an address');
        o.masterAddr = s;
        break;
      }
      case '--master-port':
        o.masterPort = parseIntArg('--master-port', value(), 0);
        if (o.masterPort > 65535) throw new UsageError(`--master-port must be at most 65535, got ${o.masterPort}`);
        break;
      case '--standalone':
        o.standalone = true;
        break;
      case '--no-node':
      case '--no-python':
        o.noNode = true;
        break;
      case '--kill-grace':
        o.killGrace = parseIntArg('--kill-grace', value(), 0);
        break;
      case '--monitor-interval':
      case '--max-restarts':
      case '--rdzv-backend':
      case '--rdzv-endpoint':
      case '--rdzv-id':
        value(); // torchrun's elastic options: accepted for compatibility, no effect on a static job
        break;
      case '-h':
      case '--help':
        throw new UsageError('');
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  if (i >= argv.length) throw new UsageError('the script to run is missing');
  o.script = argv[i];
  o.scriptArgs = argv.slice(i + 1);
  if (o.nodeRank >= o.nnodes) throw new UsageError(`--node-rank must be below --nnodes (${o.nnodes}), got ${o.nodeRank}`);
  if (o.standalone && o.nnodes !== 1) throw new UsageError('--standalone is for a single node (--nnodes 1)');
  return o;
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** The environment of each worker: torchrun's variables. */
export function workerEnv(o: Options, localRank: number, port: number, runId: string): NodeJS.ProcessEnv {
  const worldSize = o.nnodes * o.nprocPerNode;
  const rank = o.nodeRank * o.nprocPerNode + localRank;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    RANK: String(rank),
    LOCAL_RANK: String(localRank),
    WORLD_SIZE: String(worldSize),
    LOCAL_WORLD_SIZE: String(o.nprocPerNode),
    GROUP_RANK: String(o.nodeRank),
    GROUP_WORLD_SIZE: String(o.nnodes),
    ROLE_NAME: 'default',
    ROLE_RANK: String(rank),
    ROLE_WORLD_SIZE: String(worldSize),
    MASTER_ADDR: o.masterAddr,
    MASTER_PORT: String(port),
    TORCHELASTIC_RUN_ID: runId,
    TORCHELASTIC_RESTART_COUNT: '0',
    TORCHELASTIC_MAX_RESTARTS: '0',
  };
  // torchrun sets OMP_NUM_THREADS=1 for several workers per node unless the user chose
  if (o.nprocPerNode > 1 && process.env.OMP_NUM_THREADS === undefined) env.OMP_NUM_THREADS = '1';
  return env;
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

export async function main(argv: string[]): Promise<number> {
  let o: Options;
  try {
    o = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.message) console.error(`torch-node-run: error: ${e.message}`);
    console.error(USAGE);
    return e.message ? 2 : 0;
  }
  const port = o.masterPort ?? (o.standalone ? await freePort(o.masterAddr) : 29500);
  const runId = process.env.TORCHELASTIC_RUN_ID ?? (o.standalone ? `standalone-${process.pid}` : 'none');
  const workers: { child: ChildProcess; rank: number; localRank: number; exit?: { code: number | null; signal: NodeJS.Signals | null } }[] = [];
  for (let local = 0; local < o.nprocPerNode; local++) {
    const env = workerEnv(o, local, port, runId);
    const [cmd, args] = o.noNode ? [o.script, o.scriptArgs] : [process.execPath, [o.script, ...o.scriptArgs]];
    const child = spawn(cmd, args, { stdio: 'inherit', env });
    workers.push({ child, rank: Number(env.RANK), localRank: local });
  }

  if (o.nprocPerNode > 1 && process.env.OMP_NUM_THREADS === undefined) {
    console.error(`torch-node-run: setting OMP_NUM_THREADS=1 for each worker (${o.nprocPerNode} per node); set it yourself to tune.`);
  }
  let received: NodeJS.Signals | null = null;
  const onSignal = (sig: NodeJS.Signals) => {
    received = sig;
    // pass the signal on; the workers decide how to end (a second Ctrl-C in a terminal reaches them directly too)
    for (const w of live()) w.child.kill(sig);
    stopAll('SIGTERM');
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  console.error(`torch-node-run: started ${o.nprocPerNode} worker${o.nprocPerNode === 1 ? '' : 's'} (ranks ${workers[0].rank}-${workers[workers.length - 1].rank} of ${o.nnodes * o.nprocPerNode}), store at ${o.masterAddr}:${port}`);
  let stopping = false;
  let failure: { rank: number; localRank: number; pid: number | undefined; code: number | null; signal: NodeJS.Signals | null } | null = null;
  let killTimer: NodeJS.Timeout | null = null;
  const live = () => workers.filter((w) => !w.exit);
  const stopAll = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const w of live()) {
      console.error(`torch-node-run: sending process ${w.child.pid} (rank ${w.rank}) closing signal ${signal}`);
      w.child.kill(signal);
    }
    killTimer = setTimeout(() => {
      for (const w of live()) w.child.kill('SIGKILL');
    }, o.killGrace * 1000);
    killTimer.unref();
  };


  await new Promise<void>((resolve) => {
    let remaining = workers.length;
    for (const w of workers) {
      const done = (code: number | null, signal: NodeJS.Signals | null) => {
        if (w.exit) return;
        w.exit = { code, signal };
        if ((code !== 0 || signal) && !failure && !stopping) {
          failure = { rank: w.rank, localRank: w.localRank, pid: w.child.pid, code, signal };
          stopAll('SIGTERM');
        }
        if (--remaining === 0) resolve();
      };
      w.child.on('exit', done);
      w.child.on('error', (err) => {
        console.error(`torch-node-run: cannot start ${o.noNode ? o.script : 'node'} for rank ${w.rank}: ${err.message}`);
        done(127, null);
      });
    }
  });
  if (killTimer) clearTimeout(killTimer);
  for (const s of SIGNALS) process.off(s, onSignal);

  if (received) {
    console.error(`torch-node-run: received ${received}; the workers were stopped.`);
    return 128 + (os.constants.signals[received as NodeJS.Signals] ?? 0);
  }
  if (failure) {
    const f = failure as { rank: number; localRank: number; pid: number | undefined; code: number | null; signal: NodeJS.Signals | null };
    console.error(
      [
        '============================================================',
        `${o.script} FAILED`,
        '------------------------------------------------------------',
        'Root Cause (first observed failure):',
        `  time      : ${new Date().toISOString()}`,
        `  host      : ${os.hostname()}`,
        `  rank      : ${f.rank} (local_rank: ${f.localRank})`,
        `  exitcode  : ${f.signal ? -(os.constants.signals[f.signal] ?? 0) : f.code} (pid: ${f.pid})`,
        f.signal ? `  error_file: <N/A>\n  traceback : Signal ${os.constants.signals[f.signal]} (${f.signal}) received by PID ${f.pid}` : '  error_file: <N/A>',
        '============================================================',
      ].join('\n'),
    );
    return 1;
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
