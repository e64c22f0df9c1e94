// torchvision.datasets.utils: download_url / download_and_extract_archive for the datasets.
// Dataset constructors are synchronous in torchvision (`MNIST(root, download=True)`); the download is
// torch.hub's (lib/hub.ts): a child Node process writes a temporary file beside the destination, the
// MD5 is checked, and only then is it renamed, so a partial or corrupt file never has the real name.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as crypto from 'node:crypto';
import { downloadUrlToFile, DownloadError } from '../../hub';
import * as v from '../../validate';

export const USER_AGENT = 'pytorch/vision';

export { DownloadError };

/** download_url(url, root, filename, md5): blocks until the file is in place and verified. */
export function downloadUrl(url: string, root: string, filename?: string, md5?: string | null): string {
  fs.mkdirSync(root, { recursive: true });
  const dest = path.join(root, filename ?? path.basename(new URL(url).pathname));
  if (checkIntegrity(dest, md5)) return dest;
  downloadUrlToFile(url, dest, { md5, userAgent: USER_AGENT });
  return dest;
}

// Paths are checked to be strings: fs would read a number as a file descriptor (0 is stdin).
export function calculateMd5(file: string): string {
  return crypto.createHash('md5').update(fs.readFileSync(v.str('datasets.utils.calculate_md5', 'fpath', file))).digest('hex');
}

/** check_integrity(fpath, md5): the file exists and, when md5 is given, matches it. */
export function checkIntegrity(file: string, md5?: string | null): boolean {
  v.str('datasets.utils.check_integrity', 'fpath', file);
  if (md5 !== undefined && md5 !== null) v.str('datasets.utils.check_integrity', 'md5', md5);
  if (!fs.existsSync(file)) return false;
  return md5 ? calculateMd5(file) === md5 : true;
}

/** Gunzips `from` to `to` through a temporary file, so `to` is whole or absent. */
export function extractGzip(from: string, to: string): void {
  const tmp = `${to}.part-${process.pid}`;
  fs.writeFileSync(tmp, zlib.gunzipSync(fs.readFileSync(from)));
  fs.renameSync(tmp, to);
}

/** Writes `data` to `dest` (inside `root`; a member path that leaves it is refused), whole or not at all. */
function writeMember(root: string, name: string, data: Uint8Array, call: string): void {
  const dest = path.resolve(root, name);
  if (dest !== path.resolve(root) && !dest.startsWith(path.resolve(root) + path.sep)) throw new RangeError(`${call}: archive member '${name}' would be written outside ${root}`);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.part-${process.pid}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, dest);
}

/** The members of a tar archive (ustar, with GNU and pax long names), as Python's tarfile.extractall. */
export function extractTar(data: Uint8Array, to: string): string[] {
  const call = 'datasets.utils.extract_archive';
  const text = (at: number, n: number): string => {
    let end = at;
    while (end < at + n && data[end] !== 0) end++;
    return Buffer.from(data.subarray(at, end)).toString('utf8');
  };
  const out: string[] = [];
  let longName: string | null = null;
  for (let at = 0; at + 512 <= data.length;) {
    if (data.subarray(at, at + 512).every((b) => b === 0)) break;
    const size = parseInt(text(at + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(data[at + 156] || 48);
    const prefix = text(at + 257, 6).startsWith('ustar') ? text(at + 345, 155) : '';
    let name = longName ?? (prefix ? `${prefix}/${text(at, 100)}` : text(at, 100));
    longName = null;
    const body = data.subarray(at + 512, at + 512 + size);
    if (body.length !== size) throw new RangeError(`${call}: the tar archive is truncated in member '${name}'`);
    at += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = Buffer.from(body).toString('utf8').replace(/\0+$/, '');
    } else if (type === 'x') {
      const m = /\d+ path=([^\n]*)\n/.exec(Buffer.from(body).toString('utf8'));
      if (m) longName = m[1];
    } else if (type === '5') {
      fs.mkdirSync(path.resolve(to, name), { recursive: true });
    } else if (type === '0' || type === '7') {
      name = name.replace(/^\.\//, '');
      writeMember(to, name, body, call);
      out.push(name);
    }
  }
  return out;
}

/** The members of a zip archive (stored or deflated), as Python's zipfile.extractall. */
export function extractZip(data: Uint8Array, to: string): string[] {
  const call = 'datasets.utils.extract_archive';
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let end = -1;
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 65535); at--) {
    if (view.getUint32(at, true) === 0x06054b50) { end = at; break; }
  }
  if (end < 0) throw new RangeError(`${call}: not a zip archive (no end-of-central-directory record)`);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new RangeError(`${call}: zip central directory entry ${i} is corrupt`);
    const method = view.getUint16(at + 10, true);
    const csize = view.getUint32(at + 20, true);
    const nameLen = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = Buffer.from(data.subarray(at + 46, at + 46 + nameLen)).toString('utf8');
    at += 46 + nameLen + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = data.subarray(start, start + csize);
    if (name.endsWith('/')) continue;
    if (method !== 0 && method !== 8) throw new RangeError(`${call}: zip member '${name}' uses compression method ${method} (stored and deflate are read)`);
    writeMember(to, name, method === 8 ? zlib.inflateRawSync(raw) : raw, call);
    out.push(name);
  }
  return out;
}

/**
 * extract_archive(from_path, to_path): .tar, .tar.gz/.tgz, .zip, or a lone .gz (unzipped beside it,
 * without the suffix). .xz and .bz2 need codecs Node does not have, and are refused by name.
 */
export function extractArchive(from: string, to?: string | null, removeFinished = false): string {
  const call = 'datasets.utils.extract_archive';
  v.str(call, 'from_path', from);
  const dest = to ?? path.dirname(from);
  const data = fs.readFileSync(from);
  if (/\.(tar\.gz|tgz)$/.test(from)) extractTar(zlib.gunzipSync(data), dest);
  else if (from.endsWith('.tar')) extractTar(data, dest);
  else if (from.endsWith('.zip')) extractZip(data, dest);
  else if (from.endsWith('.gz')) extractGzip(from, path.join(dest, path.basename(from).slice(0, -3)));
  else throw new RangeError(`${call}: cannot extract ${path.basename(from)}: torch-node reads .tar, .tar.gz, .tgz, .zip and .gz archives`);
  if (removeFinished) fs.rmSync(from);
  return dest;
}

/** download_and_extract_archive(url, download_root, extract_root, filename, md5): download, verify, extract. */
export function downloadAndExtractArchive(url: string, downloadRoot: string, filename?: string | null, md5?: string | null, extractRoot?: string | null): void {
  const archive = downloadUrl(url, downloadRoot, filename ?? undefined, md5);
  extractArchive(archive, extractRoot ?? downloadRoot);
}
