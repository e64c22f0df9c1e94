// Positioned reads from an open checkpoint file. Storages are read straight into their tensors'
// memory, so a large checkpoint is neither held twice in memory nor copied twice.
import * as fs from 'node:fs';
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
