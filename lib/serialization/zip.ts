// The zip container of torch.save (torch >= 1.6, PyTorchStreamWriter): every record is stored
// uncompressed under one top folder ('archive/data.pkl', 'archive/data/0', 'archive/version'),
// and each record's data starts on a 64-byte boundary (padding in an 'FB' extra field) so that
// storages can be used in place. The reader also takes zip64 archives (files over 4 GiB).
import * as fs from 'node:fs';
import { crc32 } from 'node:zlib';
import { FormatError } from './pickle';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const END64 = 0x06064b50;
const END64_LOCATOR = 0x07064b50;
const ALIGNMENT = 64;

export function isZip(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
}

/** The records of a zip archive by name, without the top folder ('data.pkl', 'data/0', ...). */
export function readZip(data: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const u16 = (at: number): number => view.getUint16(at, true);
  const u32 = (at: number): number => view.getUint32(at, true);
  const u64 = (at: number): number => Number(view.getBigUint64(at, true));
  const check = (at: number, n: number, what: string): void => {
    if (at < 0 || at + n > data.length) throw new FormatError(`the zip archive is truncated (${what} at offset ${at} runs past the end at ${data.length})`);
  };

  let end = -1;
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 65535); at--) {
    if (u32(at) === END) { end = at; break; }
  }
  if (end < 0) throw new FormatError('the zip archive is truncated (no end-of-central-directory record)');
  let count = u16(end + 10);
  let dirSize = u32(end + 12);
  let dirAt = u32(end + 16);
  if (count === 0xffff || dirSize === 0xffffffff || dirAt === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || u32(locator) !== END64_LOCATOR) throw new FormatError('the zip64 end-of-central-directory locator is missing');
    const end64 = u64(locator + 8);
    check(end64, 56, 'the zip64 end-of-central-directory record');
    if (u32(end64) !== END64) throw new FormatError('the zip64 end-of-central-directory record is corrupt');
    count = u64(end64 + 32);
    dirSize = u64(end64 + 40);
    dirAt = u64(end64 + 48);
  }
  check(dirAt, dirSize, 'the central directory');

  const records = new Map<string, Uint8Array>();
  let at = dirAt;
  for (let i = 0; i < count; i++) {
    check(at, 46, 'a central directory entry');
    if (u32(at) !== CENTRAL) throw new FormatError(`central directory entry ${i} is corrupt (bad signature at offset ${at})`);
    const method = u16(at + 10);
    const crc = u32(at + 16);
    let size = u32(at + 20);
    const nameLen = u16(at + 28);
    const extraLen = u16(at + 30);
    const commentLen = u16(at + 32);
    let local = u32(at + 42);
    check(at + 46, nameLen + extraLen, 'a central directory entry');
    const name = new TextDecoder().decode(data.subarray(at + 46, at + 46 + nameLen));
    // zip64 sizes and offset come, in this order, for the fields that hold 0xffffffff.
    for (let x = at + 46 + nameLen; x + 4 <= at + 46 + nameLen + extraLen; x += 4 + u16(x + 2)) {
      if (u16(x) !== 1) continue;
      let f = x + 4;
      if (u32(at + 24) === 0xffffffff) f += 8;
      if (size === 0xffffffff) { size = u64(f); f += 8; }
      if (local === 0xffffffff) local = u64(f);
    }
    if (method !== 0) throw new FormatError(`zip record '${name}' is compressed (method ${method}); torch.save stores records uncompressed`);
    check(local, 30, `the local header of '${name}'`);
    if (u32(local) !== LOCAL) throw new FormatError(`the local header of zip record '${name}' is corrupt`);
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    check(start, size, `zip record '${name}'`);
    const bytes = data.subarray(start, start + size);
    if (crc32(bytes) >>> 0 !== crc) throw new FormatError(`zip record '${name}' fails its CRC-32 check (the file is corrupt)`);
    records.set(name.slice(name.indexOf('/') + 1), bytes);
    at += 46 + nameLen + extraLen + commentLen;
  }
  return records;
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
