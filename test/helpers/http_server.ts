// A loopback HTTP server in a worker thread, for download tests: the code under test downloads
// synchronously (it waits on a child process), so the server must not share the test's event loop.
import { Worker } from 'node:worker_threads';

export interface Route {
  body: Buffer;
  /** Send this Content-Length but close after `body` (a truncated transfer). */
  claimedLength?: number;
  status?: number;
  redirectTo?: string;
}

const SERVER = `
const { parentPort, workerData } = require('worker_threads');
const http = require('http');
const routes = workerData;
const server = http.createServer((req, res) => {
  const r = routes[req.url];
  if (!r) { res.writeHead(404); return res.end(); }
  if (r.redirectTo) { res.writeHead(302, { Location: r.redirectTo }); return res.end(); }
  const body = Buffer.from(r.body);
  res.writeHead(r.status || 200, { 'Content-Length': r.claimedLength || body.length });
  if (r.claimedLength) { res.write(body); return setTimeout(() => res.destroy(), 20); }
  res.end(body);
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', () => server.close(() => process.exit(0)));
`;

export async function serve(routes: Record<string, Route>): Promise<{ url: string; close: () => Promise<void> }> {
  const worker = new Worker(SERVER, { eval: true, workerData: routes });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      worker.postMessage('close');
      await new Promise((r) => worker.once('exit', r));
    },
  };
}
