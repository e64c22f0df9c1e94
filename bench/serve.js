// `npm run bench:serve`: examples/serve (torch-node, dynamic batching, forwardAsync) against its Python
// twin (examples/serve/server.py, ThreadingHTTPServer, one forward per request) serving the same
// TorchScript resnet18, loaded on loopback by autocannon at the same concurrency. Rounds alternate
// node/python; prints medians of req/s and p50/p99 latency and the node/python throughput ratio.
//   npm run bench:serve [-- --connections 16] [-- --duration 10] [-- --rounds 3]
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { parseArgs } = require('node:util');
const autocannon = require('autocannon');
const Table = require('cli-table3');

const { values: args } = parseArgs({
  options: { connections: { type: 'string', default: '16' }, duration: { type: 'string', default: '10' }, rounds: { type: 'string', default: '3' } },
});
const python = process.env.PYTHON || '/usr/bin/python3';
const root = path.join(__dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'torch-node-bench-serve-'));
const exported = spawnSync(python, [path.join(root, 'examples', 'serve', 'export_model.py'), dir], { encoding: 'utf8' });
if (exported.status !== 0) {
  console.error(`export_model.py failed: ${exported.stderr}`);
  process.exit(1);
}
const model = path.join(dir, 'model.pt');
const body = Buffer.from(new Float32Array(3 * 64 * 64).map((_, i) => Math.sin(i)).buffer);

const servers = {
  node: () => spawn(process.execPath, [path.join(root, 'dist', 'examples', 'serve', 'server.js'), '--model', model, '--port', '0']),
  python: () => spawn(python, [path.join(root, 'examples', 'serve', 'server.py'), model, '0']),
};

/** Starts a server and resolves to [child, port] once it says where it listens. */
function start(who) {
  const child = servers[who]();
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (\d+)/.exec(out);
      if (m) resolve([child, Number(m[1])]);
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('exit', (code) => reject(new Error(`${who} server exited with ${code}`)));
  });
}

function load(port, duration) {
  return autocannon({
    url: `http://127.0.0.1:${port}/predict`,
    method: 'POST',
    body,
    connections: Number(args.connections),
    duration,
  });
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

(async () => {
  const results = { node: [], python: [] };
  for (let r = 0; r < Number(args.rounds); r++) {
    for (const who of r % 2 === 0 ? ['node', 'python'] : ['python', 'node']) {
      const [child, port] = await start(who);
      await load(port, 2); // warm-up
      const res = await load(port, Number(args.duration));
      child.kill('SIGTERM');
      if (res.non2xx || res.errors) console.error(`${who}: ${res.non2xx} non-2xx answers, ${res.errors} errors`);
      results[who].push({ rps: res.requests.average, p50: res.latency.p50, p99: res.latency.p99 });
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const table = new Table({ head: ['server', 'req/s', 'p50 ms', 'p99 ms'] });
  const med = {};
  for (const who of ['node', 'python']) {
    med[who] = { rps: median(results[who].map((x) => x.rps)), p50: median(results[who].map((x) => x.p50)), p99: median(results[who].map((x) => x.p99)) };
    table.push([who, med[who].rps.toFixed(1), med[who].p50.toFixed(1), med[who].p99.toFixed(1)]);
  }
  console.log(`resnet18 3×64×64 on loopback, ${args.connections} connections, ${args.duration} s × ${args.rounds} rounds (medians)`);
  console.log(table.toString());
  console.log(`throughput node/python: ${(med.node.rps / med.python.rps).toFixed(2)}×`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
