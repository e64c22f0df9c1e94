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

/** download_and_extract_archive for .gz files: download, verify, and unzip beside it. */
export function downloadAndExtractArchive(url: string, downloadRoot: string, filename: string, md5?: string | null): void {
  const archive = downloadUrl(url, downloadRoot, filename, md5);
  if (archive.endsWith('.gz')) extractGzip(archive, archive.slice(0, -3));
}
