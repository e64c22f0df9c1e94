// torchvision.datasets.utils: download_url / download_and_extract_archive for the datasets.
// Dataset constructors are synchronous in torchvision (`MNIST(root, download=True)`), so the download
// runs in a child Node process while this one waits (spawnSync). The file is written to a temporary
// name beside its destination, its MD5 checked, and only then renamed: a partial or corrupt file is
// never left under the real name. The progress bar (cli-progress) shows only when stdout is a TTY.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';

export const USER_AGENT = 'pytorch/vision';

/**
 * Runs in the child process (its source is sent with `node -e`), so it is self-contained: it
 * requires what it needs and imports nothing from this module.
 */
function childDownload(url: string, dest: string, md5: string | null, cliProgressPath: string, userAgent: string): void {
  const fsc = require('node:fs');
  const cryptoc = require('node:crypto');
  const tmp = `${dest}.part-${process.pid}`;
  const fail = (msg: string): void => {
    try { fsc.unlinkSync(tmp); } catch { /* not created */ }
    process.stderr.write(msg);
    process.exit(1);
  };
  const get = (u: string, redirects: number): void => {
    const lib = u.startsWith('https:') ? require('node:https') : require('node:http');
    const req = lib.get(u, { headers: { 'User-Agent': userAgent } }, (res: any) => {
      if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location && redirects > 0) {
        res.resume();
        get(new URL(res.headers.location, u).toString(), redirects - 1);
        return;
      }
      if (res.statusCode !== 200) {
        res.resume();
        fail(`HTTP Error ${res.statusCode}: ${res.statusMessage} (${u})`);
        return;
      }
      const total = Number(res.headers['content-length'] || 0);
      let bar: any = null;
      if (process.stdout.isTTY) {
        const cliProgress = require(cliProgressPath);
        // stdout: the child's stderr is a pipe that carries its error message back.
        bar = new cliProgress.SingleBar({ format: ' {bar} {percentage}% | {value}/{total} bytes', stream: process.stdout }, cliProgress.Presets.shades_classic);
        bar.start(total || 1, 0);
      }
      const hash = cryptoc.createHash('md5');
      const out = fsc.createWriteStream(tmp);
      let got = 0;
      res.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        got += chunk.length;
        if (bar) bar.update(total ? got : 0);
      });
      res.on('error', (e: Error) => fail(`download interrupted: ${e.message}`));
      res.pipe(out);
      out.on('finish', () => {
        if (bar) bar.stop();
        if (total && got !== total) return fail(`download incomplete: got ${got} of ${total} bytes (${u})`);
        const digest = hash.digest('hex');
        if (md5 && digest !== md5) return fail(`File not found or corrupted: MD5 of the download is ${digest}, expected ${md5} (${u})`);
        fsc.renameSync(tmp, dest);
      });
    });
    req.on('error', (e: Error) => fail(`<urlopen error ${e.message}> (${u})`));
  };
  get(url, 10);
}

export class DownloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DownloadError';
  }
}

/** download_url(url, root, filename, md5): blocks until the file is in place and verified. */
export function downloadUrl(url: string, root: string, filename?: string, md5?: string | null): string {
  fs.mkdirSync(root, { recursive: true });
  const dest = path.join(root, filename ?? path.basename(new URL(url).pathname));
  if (checkIntegrity(dest, md5)) return dest;
  // esbuild (vitest) may wrap nested functions in a __name() helper: define it for the child.
  const script = `const __name = (f) => f; (${childDownload.toString()})(...JSON.parse(process.argv[1]));`;
  const args = [url, dest, md5 ?? null, require.resolve('cli-progress'), USER_AGENT];
  const r = spawnSync(process.execPath, ['-e', script, JSON.stringify(args)], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new DownloadError(r.stderr?.trim() || `download of ${url} failed (${r.error?.message ?? `exit ${r.status}`})`);
  return dest;
}

export function calculateMd5(file: string): string {
  return crypto.createHash('md5').update(fs.readFileSync(file)).digest('hex');
}

/** check_integrity(fpath, md5): the file exists and, when md5 is given, matches it. */
export function checkIntegrity(file: string, md5?: string | null): boolean {
  if (!fs.existsSync(file)) return false;
  return md5 ? calculateMd5(file) === md5 : true;
}

/** Gunzips `from` to `to` through a temporary file, so `to` is whole or absent. */
export function extractGzip(from: string, to: string): void {
  const tmp = `${to}.part-${process.pid}`;
  fs.writeFileSync(tmp, zlib.gunzipSync(fs.readFileSync(from)));
  fs.renameSync(tmp, to);
}

/** download_and_extract_archive for .gz files: download, verify, and unzip beside it. */
export function downloadAndExtractArchive(url: string, downloadRoot: string, filename: string, md5?: string | null): void {
  const archive = downloadUrl(url, downloadRoot, filename, md5);
  if (archive.endsWith('.gz')) extractGzip(archive, archive.slice(0, -3));
}
