// torch.hub's checkpoint cache: load_state_dict_from_url and download_url_to_file.
// The API is synchronous like Python's; the download itself runs in a child Node process (so the
// network I/O and its progress bar run while this thread waits), writes to a temporary file next to
// the destination, checks the hash, and only then renames it into place.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { TorchError } from './errors';
import { load } from './serialization';
import { Tensor } from './tensor';
import * as v from './validate';

/** $TORCH_HOME/hub, where TORCH_HOME defaults to $XDG_CACHE_HOME/torch or ~/.cache/torch (as torch.hub). */
export function getDir(): string {
  const torchHome = process.env.TORCH_HOME ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'torch');
  return path.join(torchHome, 'hub');
}

// torch.hub.HASH_REGEX: the hash prefix is the part of the file name after the last '-'.
const HASH_REGEX = /-([a-f0-9]*)\./;

const DOWNLOADER = String.raw`
const [url, dst, hashPrefix, md5, showProgress, progressModule, userAgent] = process.argv.slice(1);
const fs = require('fs'), path = require('path'), crypto = require('crypto');
const tmp = path.join(path.dirname(dst), '.' + path.basename(dst) + '.' + process.pid + '.partial');
function fail(msg) { try { fs.unlinkSync(tmp); } catch {} process.stderr.write('DOWNLOAD_ERROR ' + msg + '\n'); process.exit(2); }
function get(u, redirects) {
  const lib = u.startsWith('https:') ? require('https') : require('http');
  const req = lib.get(u, { headers: { 'User-Agent': userAgent }, timeout: 30000 }, (res) => {
    if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location && redirects < 5) {
      res.resume();
      return get(new URL(res.headers.location, u).toString(), redirects + 1);
    }
    if (res.statusCode !== 200) { res.resume(); return fail('HTTP Error ' + res.statusCode + ': ' + res.statusMessage + ' (' + u + ')'); }
    const total = Number(res.headers['content-length']) || 0;
    const sha = crypto.createHash('sha256'), m5 = crypto.createHash('md5');
    const out = fs.createWriteStream('', { fd: fs.openSync(tmp, 'w') }); // opened now, so fail() can always remove it
    let bar = null, done = 0;
    if (showProgress === '1' && process.stderr.isTTY && total) {
      const cp = require(progressModule);
      bar = new cp.SingleBar({ format: 'Downloading ' + path.basename(dst) + ' [{bar}] {percentage}% {value}/{total} MB', stream: process.stderr }, cp.Presets.shades_classic);
      bar.start(Math.round(total / 1048576), 0);
    }
    res.on('data', (chunk) => { sha.update(chunk); m5.update(chunk); done += chunk.length; if (bar) bar.update(Math.round(done / 1048576)); });
    res.on('error', (e) => fail(e.message));
    res.pipe(out);
    out.on('finish', () => {
      if (bar) bar.stop();
      if (total && done !== total) return fail('incomplete download: ' + done + ' of ' + total + ' bytes');
      const digest = sha.digest('hex');
      if (hashPrefix && !digest.startsWith(hashPrefix)) return fail('invalid hash value (expected "' + hashPrefix + '", got "' + digest + '")');
      const m5hex = m5.digest('hex');
      if (md5 && m5hex !== md5) return fail('MD5 of the download is ' + m5hex + ', expected ' + md5 + ' (' + u + ')');
      fs.renameSync(tmp, dst);
    });
  });
  req.on('timeout', () => req.destroy(new Error('timed out')));
  req.on('error', (e) => fail('<urlopen error ' + (e.code || e.message) + '> (' + u + ')'));
}
get(url, 0);
`;

export interface DownloadOptions {
  /** Expected start of the file's SHA-256 hex digest. */
  hashPrefix?: string | null;
  /** Expected MD5 hex digest of the whole file (torchvision's dataset checks). */
  md5?: string | null;
  progress?: boolean;
  userAgent?: string;
}

/** A download that failed or did not verify; nothing was left at the destination. */
export class DownloadError extends TorchError {
  constructor(message: string) {
    super(message);
    this.name = 'DownloadError';
  }
}

/**
 * torch.hub.download_url_to_file (and torchvision's download_url): downloads to dst atomically, with
 * a progress bar on a terminal; throws a DownloadError with the reason on failure.
 */
export function downloadUrlToFile(url: string, dst: string, opts: DownloadOptions = {}): void {
  const call = 'torch.hub.download_url_to_file';
  v.str(call, 'url', url);
  v.str(call, 'dst', dst);
  fs.mkdirSync(path.dirname(path.resolve(dst)), { recursive: true });
  let progressModule = '';
  try { progressModule = require.resolve('cli-progress'); } catch { /* no bar */ }
  const r = spawnSync(process.execPath, ['-e', DOWNLOADER, url, path.resolve(dst), opts.hashPrefix ?? '', opts.md5 ?? '', opts.progress === false ? '0' : '1', progressModule, opts.userAgent ?? 'torch-node'], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    const m = /DOWNLOAD_ERROR (.*)/.exec(r.stderr ?? '');
    throw new DownloadError(m ? m[1] : `${call}: downloading ${url} failed: ${(r.stderr || r.error?.message || `exit ${r.status}`).trim()}`);
  }
}

/** torch.hub.load_state_dict_from_url: the cached checkpoint, downloaded on first use. */
export function loadStateDictFromUrl(
  url: string,
  opts: { modelDir?: string; progress?: boolean; checkHash?: boolean; fileName?: string } = {},
): Map<string, Tensor> {
  const call = 'torch.hub.load_state_dict_from_url';
  const modelDir = opts.modelDir ?? path.join(getDir(), 'checkpoints');
  const fileName = opts.fileName ?? path.basename(new URL(url).pathname);
  const cached = path.join(modelDir, fileName);
  if (!fs.existsSync(cached)) {
    const hashPrefix = opts.checkHash ? HASH_REGEX.exec(fileName)?.[1] ?? null : null;
    try {
      downloadUrlToFile(url, cached, { hashPrefix, progress: opts.progress });
    } catch (e) {
      throw new TorchError(
        `${call}: ${fileName} is not in the cache and could not be downloaded (${(e as Error).message}). ` +
          `Put the file at ${cached} (it is the file torchvision downloads from ${url}; a copy from another machine's ` +
          `~/.cache/torch/hub/checkpoints works), or set TORCH_HOME to the directory that holds hub/checkpoints/${fileName}.`,
      );
    }
  }
  const sd = load(cached);
  return sd instanceof Map ? (sd as Map<string, Tensor>) : new Map(Object.entries(sd as Record<string, Tensor>));
}
