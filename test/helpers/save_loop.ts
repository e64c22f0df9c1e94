// A writer for test/serialization/save_kill.test.ts, which SIGKILLs it: rewrites <target> over and over
// with torch.save's own file writer (writeArchive: temporary file, fsync, rename), alternating the
// records of two files torch.save wrote, so that each complete write is byte for byte one of them.
// It imports no libtorch (torch.save's earlier steps only build the records in memory), so that the
// test, which runs it as plain JavaScript (transpileTree), can start a hundred of them in seconds.
// Prints 'ready' once it has read them, and starts writing when a line comes on its standard input
// (the test starts the next writers while it kills one).
//   node save_loop.js <target> <prefix> <old.pth> <new.pth>
import * as fs from 'node:fs';
import { ZipReader, writeArchive } from '../../lib/serialization/zip';

const [target, prefix, oldFile, newFile] = process.argv.slice(2);

/** The records of a file torch.save wrote, in its order. */
function records(file: string): [string, Uint8Array][] {
  const fd = fs.openSync(file, 'r');
  try {
    const zip = new ZipReader(fd, fs.fstatSync(fd).size);
    const out: [string, Uint8Array][] = [['data.pkl', zip.bytes('data.pkl')]];
    for (let i = 0; zip.has(`data/${i}`); i++) out.push([`data/${i}`, zip.bytes(`data/${i}`)]);
    out.push(['version', zip.bytes('version')]);
    return out;
  } finally {
    fs.closeSync(fd);
  }
}

const contents = [records(oldFile), records(newFile)];
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  for (let i = 0; ; i ^= 1) writeArchive(target, prefix, contents[i]);
});
