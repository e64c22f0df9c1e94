// The checkpoint file itself: positioned reads from an open file (storages are read straight into
// their tensors' memory, so a large checkpoint is neither held twice in memory nor copied twice), and
// the atomic write of torch.save.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { FormatError } from './pickle';

/** n bytes at offset at (into `into`, a tensor's memory, when given); a FormatError naming `what` past the end. */
export function readAt(fd: number, fileSize: number, at: number, n: number, what: string, into?: Uint8Array): Uint8Array {
  if (at < 0 || n < 0 || at + n > fileSize) throw new FormatError(`the file is truncated (${what} at offset ${at} needs ${n} bytes, the file ends at ${fileSize})`);
  const out = into ? into.subarray(0, n) : new Uint8Array(n);
  let done = 0;
  while (done < n) {
    const got = fs.readSync(fd, out, done, n - done, at + done);
    if (got === 0) throw new FormatError(`the file ended while reading ${what}`);
    done += got;
  }
  return out;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // another user's process
  }
}

/**
 * Removes the temporary files of writers of `base` in `dir` that died before their rename (a killed
 * process leaves its whole file behind). A temporary file is `.<base>.<pid>.<random>.tmp`: the
 * writer's pid tells whether it is still running; this process's own are left alone, as worker
 * threads share its pid and may be writing the same path now.
 */
function removeLeftovers(dir: string, base: string): void {
  const prefix = `.${base}.`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return; // a directory that cannot be listed: the write itself says what is wrong
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(\d+)\.[0-9a-z]+\.tmp$/.exec(name.slice(prefix.length));
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid !== process.pid && !isAlive(pid)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

/**
 * Writes f atomically: `write` fills a temporary file beside it, which is flushed to the disk and
 * renamed over f, and the directory is flushed too, so that after a crash or a power loss f is absent,
 * the old file or the new one, never a part of one.
 */
export function writeAtomic(f: string, write: (fd: number) => void): void {
  const dir = path.dirname(path.resolve(f));
  const base = path.basename(f);
  removeLeftovers(dir, base);
  const tmp = path.join(dir, `.${base}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, 'wx');
  try {
    write(fd);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, f);
  } catch (e) {
    try { fs.closeSync(fd); } catch { /* already closed */ }
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  // The rename is durable once the directory is flushed. Windows cannot open a directory; NTFS
  // journals the rename itself.
  if (process.platform !== 'win32') {
    const dfd = fs.openSync(dir, 'r');
    try { fs.fsyncSync(dfd); } finally { fs.closeSync(dfd); }
  }
}

/**
 * writeAtomic's asynchronous twin for writers that take a path (libtorch's): `write(tmp)` writes and
 * flushes the file `tmp`, named as f is, inside a temporary folder beside f; it is then renamed over f
 * and the directory flushed.
 */
export async function writeAtomicAsync(f: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const dir = path.dirname(path.resolve(f));
  const base = path.basename(f);
  removeLeftovers(dir, base);
  const tmpDir = path.join(dir, `.${base}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  await fs.promises.mkdir(tmpDir);
  try {
    const tmp = path.join(tmpDir, base);
    await write(tmp);
    await fs.promises.rename(tmp, f);
  } finally {
    await fs.promises.rm(tmpDir, { recursive: true, force: true });
  }
  if (process.platform !== 'win32') {
    const d = await fs.promises.open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  }
}
