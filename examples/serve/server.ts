#!/usr/bin/env node
// examples/serve: an HTTP inference service for a TorchScript model that Python exported
// (export_model.py). Requests are batched dynamically: they wait in a queue until `maxBatch` have
// come or the oldest has waited `maxWaitMs`, then one forwardAsync runs the whole batch on libuv's
// thread pool while the event loop keeps accepting requests.
//
//   /usr/bin/python3 examples/serve/export_model.py /tmp/serve
//   node dist/examples/serve/server.js --model /tmp/serve/model.pt --port 8080
//   curl --data-binary @image.f32 http://127.0.0.1:8080/predict
//
// Protocol: POST /predict with the image as little-endian float32 bytes, 3×64×64 (CHW); the answer is
// JSON `{ "class": k, "logits": [...] }`. GET /health answers `ok`.
import * as http from 'node:http';
import { parseArgs } from 'node:util';
import * as torch from 'torch-node';
import type { Tensor } from 'torch-node';

export const SHAPE = [3, 64, 64];
const BYTES = SHAPE.reduce((a, b) => a * b, 1) * 4;

export interface BatcherOptions {
  /** The most requests in one forward (default 16). */
  maxBatch?: number;
  /** How long the first request of a batch waits for others, in milliseconds (default 2). */
  maxWaitMs?: number;
  /** How many batches may run at once on the thread pool (default 2). */
  maxInflight?: number;
}

interface Pending {
  x: Tensor;
  resolve: (y: Tensor) => void;
  reject: (e: unknown) => void;
}

/** Collects single inputs into batches for one model and hands each caller its row of the output. */
export class DynamicBatcher {
  private readonly queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private inflight = 0;
  /** How many forward calls ran, and how many inputs they took (for the batching statistics). */
  readonly stats = { batches: 0, items: 0 };
  private readonly maxBatch: number;
  private readonly maxWaitMs: number;
  private readonly maxInflight: number;

  constructor(private readonly model: torch.jit.ScriptModule, opts: BatcherOptions = {}) {
    this.maxBatch = opts.maxBatch ?? 16;
    this.maxWaitMs = opts.maxWaitMs ?? 2;
    this.maxInflight = opts.maxInflight ?? 2;
  }

  /** The model's output for one input (without its batch dimension). */
  infer(x: Tensor): Promise<Tensor> {
    return new Promise((resolve, reject) => {
      this.queue.push({ x, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.inflight >= this.maxInflight || this.queue.length === 0) return;
    if (this.queue.length >= this.maxBatch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.queue.splice(0, this.maxBatch);
    if (batch.length === 0) return;
    this.inflight++;
    this.stats.batches++;
    this.stats.items += batch.length;
    const input = torch.stack(batch.map((p) => p.x));
    torch
      .noGrad(() => this.model.forwardAsync(input) as Promise<Tensor>)
      .then(
        (y) => batch.forEach((p, i) => p.resolve(y.select(0, i))),
        (e) => batch.forEach((p) => p.reject(e)),
      )
      .finally(() => {
        this.inflight--;
        // the requests that came meanwhile have waited already: run them now
        if (this.queue.length > 0) this.flush();
      });
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= BYTES) chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: string, type = 'application/json'): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** The service's HTTP server (not yet listening). */
export function createServer(model: torch.jit.ScriptModule, opts: BatcherOptions = {}): http.Server & { batcher: DynamicBatcher } {
  model.eval();
  const batcher = new DynamicBatcher(model, opts);
  const server = http.createServer(async (req, res) => {
    try {
      if (req.method === 'GET' && req.url === '/health') return send(res, 200, 'ok', 'text/plain');
      if (req.method !== 'POST' || req.url !== '/predict') return send(res, 404, JSON.stringify({ error: 'POST /predict or GET /health' }));
      const body = await readBody(req);
      if (body.length !== BYTES) {
        return send(res, 400, JSON.stringify({ error: `the body must be ${BYTES} bytes: float32 ${SHAPE.join('×')}, got ${body.length}` }));
      }
      const data = new Float32Array(BYTES / 4);
      new Uint8Array(data.buffer).set(body);
      const logits = await batcher.infer(torch.fromTypedArray(data, SHAPE));
      send(res, 200, JSON.stringify({ class: logits.argmax().item(), logits: logits.tolist() }));
    } catch (e) {
      send(res, 500, JSON.stringify({ error: (e as Error).message }));
    }
  });
  return Object.assign(server, { batcher });
}

function main(): void {
  const { values } = parseArgs({
    options: {
      model: { type: 'string' },
      port: { type: 'string', default: '8080' },
      'max-batch': { type: 'string', default: '16' },
      'max-wait-ms': { type: 'string', default: '2' },
      'max-inflight': { type: 'string', default: '2' },
    },
  });
  if (!values.model) {
    console.error('usage: server.js --model MODEL.pt [--port 8080] [--max-batch 16] [--max-wait-ms 2] [--max-inflight 2]');
    process.exit(2);
  }
  const server = createServer(torch.jit.load(values.model), {
    maxBatch: Number(values['max-batch']),
    maxWaitMs: Number(values['max-wait-ms']),
    maxInflight: Number(values['max-inflight']),
  });
  server.listen(Number(values.port), '127.0.0.1', () => {
    console.log(`listening on ${(server.address() as { port: number }).port}`);
  });
  const stop = (): void => {
    server.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) main();
