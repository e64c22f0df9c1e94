// The zip container of torch.save (torch >= 1.6, PyTorchStreamWriter): every record is stored
// uncompressed under one top folder ('archive/data.pkl', 'archive/data/0', 'archive/version'),
// and each record's data starts on a 64-byte boundary (padding in an 'FB' extra field) so that
// storages can be used in place. The reader also takes zip64 archives (files over 4 GiB).
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { FormatError } from './pickle';
import { readAt, writeAtomic } from './file';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const END64 = 0x06064b50;
const END64_LOCATOR = 0x07064b50;
const ALIGNMENT = 64;

let table: Uint32Array | undefined;
/** CRC-32 (the zip polynomial) for Node versions without zlib.crc32 (before 20.15 / 22.2). */
export function crc32Js(data: Uint8Array, value = 0): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let c = ~value;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
const crc32: (data: Uint8Array, value?: number) => number = (zlib as { crc32?: typeof crc32Js }).crc32 ?? crc32Js;

export function isZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

interface Record {
  start: number;
  size: number;
  crc: number;
}

/**
 * Reads a zip archive from an open file: records are read on demand, storages straight into their
 * tensors. Record names lose their top folder ('data.pkl', 'data/0').
 */
export class ZipReader {
  private readonly records = new Map<string, Record>();

  constructor(private readonly fd: number, private readonly fileSize: number) {
    const tailAt = Math.max(0, fileSize - 22 - 65535);
    const tail = this.read(tailAt, fileSize - tailAt, 'the end of the archive');
    const tv = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
    let end = -1;
    for (let at = tail.length - 22; at >= 0; at--) {
      if (tv.getUint32(at, true) === END) { end = at; break; }
    }
    if (end < 0) throw new FormatError('the zip archive is truncated (no end-of-central-directory record)');
    let count = tv.getUint16(end + 10, true);
    let dirSize = tv.getUint32(end + 12, true);
    let dirAt = tv.getUint32(end + 16, true);
    if (count === 0xffff || dirSize === 0xffffffff || dirAt === 0xffffffff) {
      const locator = this.view(tailAt + end - 20, 20, 'the zip64 end-of-central-directory locator');
      if (locator.getUint32(0, true) !== END64_LOCATOR) throw new FormatError('the zip64 end-of-central-directory locator is missing');
      const end64 = this.view(this.u64(locator, 8), 56, 'the zip64 end-of-central-directory record');
      if (end64.getUint32(0, true) !== END64) throw new FormatError('the zip64 end-of-central-directory record is corrupt');
      count = this.u64(end64, 32);
      dirSize = this.u64(end64, 40);
      dirAt = this.u64(end64, 48);
    }
    const dir = this.view(dirAt, dirSize, 'the central directory');
    let at = 0;
    for (let i = 0; i < count; i++) {
      if (at + 46 > dirSize || dir.getUint32(at, true) !== CENTRAL) throw new FormatError(`central directory entry ${i} is corrupt (at offset ${dirAt + at})`);
      const method = dir.getUint16(at + 10, true);
      const crc = dir.getUint32(at + 16, true);
      let size = dir.getUint32(at + 20, true);
      const nameLen = dir.getUint16(at + 28, true);
      const extraLen = dir.getUint16(at + 30, true);
      const commentLen = dir.getUint16(at + 32, true);
      let local = dir.getUint32(at + 42, true);
      if (at + 46 + nameLen + extraLen > dirSize) throw new FormatError(`central directory entry ${i} is truncated`);
      const name = new TextDecoder().decode(new Uint8Array(dir.buffer, dir.byteOffset + at + 46, nameLen));
      // zip64 sizes and offset come, in this order, for the fields that hold 0xffffffff.
      for (let x = at + 46 + nameLen; x + 4 <= at + 46 + nameLen + extraLen; x += 4 + dir.getUint16(x + 2, true)) {
        if (dir.getUint16(x, true) !== 1) continue;
        let f = x + 4;
        if (dir.getUint32(at + 24, true) === 0xffffffff) f += 8;
        if (size === 0xffffffff) { size = this.u64(dir, f); f += 8; }
        if (local === 0xffffffff) local = this.u64(dir, f);
      }
      if (method !== 0) throw new FormatError(`zip record '${name}' is compressed (method ${method}); torch.save stores records uncompressed`);
      const header = this.view(local, 30, `the local header of '${name}'`);
      if (header.getUint32(0, true) !== LOCAL) throw new FormatError(`the local header of zip record '${name}' is corrupt`);
      const start = local + 30 + header.getUint16(26, true) + header.getUint16(28, true);
      if (start + size > fileSize) throw new FormatError(`the zip archive is truncated (record '${name}' needs bytes up to ${start + size}, the file ends at ${fileSize})`);
      this.records.set(name.slice(name.indexOf('/') + 1), { start, size, crc });
      at += 46 + nameLen + extraLen + commentLen;
    }
  }

  private read(at: number, n: number, what: string): Uint8Array {
    return readAt(this.fd, this.fileSize, at, n, what);
  }
  private view(at: number, n: number, what: string): DataView {
    const b = this.read(at, n, what);
    return new DataView(b.buffer, b.byteOffset, b.byteLength);
  }
  private u64(v: DataView, at: number): number {
    const x = v.getBigUint64(at, true);
    if (x > BigInt(Number.MAX_SAFE_INTEGER)) throw new FormatError(`zip64 field ${x} is too large`);
    return Number(x);
  }
  private record(name: string): Record {
    const r = this.records.get(name);
    if (!r) throw new FormatError(`the zip archive has no record ${name}`);
    return r;
  }

  has(name: string): boolean {
    return this.records.has(name);
  }
  size(name: string): number {
    return this.record(name).size;
  }

  /** A whole record, CRC-checked. */
  bytes(name: string): Uint8Array {
    const r = this.record(name);
    const b = this.read(r.start, r.size, `zip record '${name}'`);
    if (crc32(b) >>> 0 !== r.crc) throw new FormatError(`zip record '${name}' fails its CRC-32 check (the file is corrupt)`);
    return b;
  }

  /**
   * Reads a storage record into dest (which has the record's size). Its CRC-32 is not checked, as
   * PyTorch does not check it either: on a 233 MiB checkpoint the check would add about half the
   * load time. data.pkl, which holds the structure, is checked (bytes()).
   */
  readInto(name: string, dest: Uint8Array): void {
    readAt(this.fd, this.fileSize, this.record(name).start, dest.length, `zip record '${name}'`, dest);
  }
}

interface Written {
  name: Uint8Array;
  crc: number;
  size: number;
  offset: number;
}

/** Writes a zip archive record by record to an open file, laid out as PyTorchStreamWriter does. */
export class ZipWriter {
  private offset = 0;
  private readonly written: Written[] = [];

  constructor(private readonly fd: number, private readonly prefix: string) {}

  private write(b: Uint8Array): void {
    let done = 0;
    while (done < b.length) done += fs.writeSync(this.fd, b, done, b.length - done);
    this.offset += b.length;
  }

  add(name: string, data: Uint8Array): void {
    const fullName = new TextEncoder().encode(`${this.prefix}/${name}`);
    if (this.offset + data.length + 30 + fullName.length + 4 + ALIGNMENT > 0xffffffff) {
      throw new FormatError('torch.save in torch-node writes archives up to 4 GiB (zip64 is not written)');
    }
    const pad = (ALIGNMENT - ((this.offset + 30 + fullName.length + 4) % ALIGNMENT)) % ALIGNMENT;
    const crc = crc32(data) >>> 0;
    const header = new Uint8Array(30 + fullName.length + 4 + pad);
    const v = new DataView(header.buffer);
    v.setUint32(0, LOCAL, true);
    v.setUint16(4, 20, true); // version needed: 2.0
    v.setUint16(8, 0, true); // stored
    v.setUint32(14, crc, true);
    v.setUint32(18, data.length, true);
    v.setUint32(22, data.length, true);
    v.setUint16(26, fullName.length, true);
    v.setUint16(28, 4 + pad, true);
    header.set(fullName, 30);
    const extra = 30 + fullName.length;
    header[extra] = 0x46; // 'FB': PyTorch's padding field
    header[extra + 1] = 0x42;
    v.setUint16(extra + 2, pad, true);
    header.fill(0x5a, extra + 4); // 'Z'
    this.written.push({ name: fullName, crc, size: data.length, offset: this.offset });
    this.write(header);
    this.write(data);
  }

  finish(): void {
    const dirAt = this.offset;
    for (const r of this.written) {
      const entry = new Uint8Array(46 + r.name.length);
      const v = new DataView(entry.buffer);
      v.setUint32(0, CENTRAL, true);
      v.setUint16(4, 20, true);
      v.setUint16(6, 20, true);
      v.setUint32(16, r.crc, true);
      v.setUint32(20, r.size, true);
      v.setUint32(24, r.size, true);
      v.setUint16(28, r.name.length, true);
      v.setUint32(42, r.offset, true);
      entry.set(r.name, 46);
      this.write(entry);
    }
    const end = new Uint8Array(22);
    const v = new DataView(end.buffer);
    v.setUint32(0, END, true);
    v.setUint16(8, this.written.length, true);
    v.setUint16(10, this.written.length, true);
    v.setUint32(12, this.offset - dirAt, true);
    v.setUint32(16, dirAt, true);
    this.write(end);
  }
}

/** Writes the records as the archive f (record names under the top folder `prefix`), atomically. */
export function writeArchive(f: string, prefix: string, records: Iterable<[string, Uint8Array]>): void {
  writeAtomic(f, (fd) => {
    const zip = new ZipWriter(fd, prefix);
    for (const [name, data] of records) zip.add(name, data);
    zip.finish();
  });
}
