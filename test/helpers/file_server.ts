// A local HTTP server for download tests (no internet): serves the given files under /good/<name>,
// with /missing/ (404), /bad/ (one byte flipped) and /redirect/ (302 to /good/). It runs in a worker
// thread, because dataset constructors block the main thread while they download.
import { Worker } from 'node:worker_threads';

export interface FileServer {
  base: string;
  close(): Promise<number>;
}

export async function serveFiles(files: Record<string, Uint8Array>): Promise<FileServer> {
  const code = `
    const http = require('node:http');
    const { parentPort, workerData } = require('node:worker_threads');
    const files = workerData;
    http.createServer((req, res) => {
      const [, kind, ...rest] = req.url.split('/');
      const name = decodeURIComponent(rest.join('/'));
      if (kind === 'redirect') { res.writeHead(302, { location: '/good/' + name }); return res.end(); }
      const body = files[name];
      if (!body || kind === 'missing') { res.writeHead(404); return res.end('not found'); }
      const out = Buffer.from(body);
      if (kind === 'bad') out[out.length >> 1] ^= 0xff;
      res.writeHead(200, { 'content-length': out.length });
      res.end(out);
    }).listen(0, '127.0.0.1', function () { parentPort.postMessage(this.address().port); });`;
  const worker = new Worker(code, { eval: true, workerData: files });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { base: `http://127.0.0.1:${port}`, close: () => worker.terminate() };
}
