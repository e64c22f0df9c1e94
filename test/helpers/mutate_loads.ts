// torch.load on seeded mutations of checkpoint fixtures, one format after another, for
// test/serialization/mutate.test.ts, which runs it in a child process: a crash or an abort (a huge
// allocation from a corrupted size) is this process's exit status. Each load must return or throw an
// Error. Writes '<format> <i>' to stderr before each load (the last line names a crash), and prints
// one JSON line: { [format]: { loads, returned, threw, bad, slowestMs, samples } }.
//   node_modules/.bin/vite-node test/helpers/mutate_loads.ts -- <mutations per format> <seed> <dir>
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../../lib';

const args = process.argv.slice(2).filter((a) => a !== '--');
const N = Number(args[0]);
let seed = Number(args[1]) >>> 0;
const work = args[2];

// mulberry32: a failing mutation is replayed from the seed.
function random(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n: number): number => Math.floor(random() * n);

// Values a corrupted length or count field may take: 0, 1, just past the file, 2^31 - 1, 2^32 - 1, 2^60, -1.
const LENGTHS = [0n, 1n, 0x7fffn, 0xffffn, 0x7fffffffn, 0xffffffffn, 1n << 40n, 1n << 60n, (1n << 64n) - 1n];

function mutate(original: Uint8Array): Uint8Array {
  const b = Uint8Array.from(original);
  const at = int(b.length);
  switch (int(5)) {
    case 0: // flip 1 to 4 bytes
      for (let k = 1 + int(4); k > 0; k--) b[int(b.length)] ^= 1 + int(255);
      return b;
    case 1: // truncate
      return b.subarray(0, int(b.length));
    case 2: { // insert 1 to 16 random bytes
      const extra = Uint8Array.from({ length: 1 + int(16) }, () => int(256));
      const out = new Uint8Array(b.length + extra.length);
      out.set(b.subarray(0, at));
      out.set(extra, at);
      out.set(b.subarray(at), at + extra.length);
      return out;
    }
    case 3: // zero a range of up to 64 bytes
      b.fill(0, at, at + 1 + int(64));
      return b;
    default: { // a little-endian length field of 2, 4 or 8 bytes set to an extreme value
      const width = [2, 4, 8][int(3)];
      let v = LENGTHS[int(LENGTHS.length)];
      for (let k = 0; k < width && at + k < b.length; k++, v >>= 8n) b[at + k] = Number(v & 0xffn);
      return b;
    }
  }
}

const FORMATS: Record<string, string[]> = {
  zip: ['dtypes_zip', 'views_zip', 'containers_zip_proto4', 'model_zip'],
  legacy: ['dtypes_legacy', 'views_legacy', 'containers_legacy', 'model_legacy'],
  tar: ['tar_state'],
};
const fixtures = path.join(__dirname, '..', 'fixtures', 'serialization');
const summary: Record<string, { loads: number; returned: number; threw: number; bad: number; slowestMs: number; samples: string[] }> = {};
for (const [format, names] of Object.entries(FORMATS)) {
  const originals = names.map((n) => fs.readFileSync(path.join(fixtures, `${n}.pth`)));
  const s = (summary[format] = { loads: 0, returned: 0, threw: 0, bad: 0, slowestMs: 0, samples: [] as string[] });
  const file = path.join(work, `${format}.pth`);
  for (let i = 0; i < N; i++) {
    fs.writeFileSync(file, mutate(originals[i % originals.length]));
    process.stderr.write(`${format} ${i}\n`);
    const t = performance.now();
    s.loads++;
    try {
      torch.load(file);
      s.returned++;
    } catch (e) {
      s.threw++;
      // An Error that names torch.load and the file; anything else is a missed case.
      if (!(e instanceof Error) || !e.message.startsWith(`torch.load: ${file}`)) {
        s.bad++;
        if (s.samples.length < 10) s.samples.push(`${i}: ${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)}`.slice(0, 300));
      }
    }
    s.slowestMs = Math.max(s.slowestMs, Math.round(performance.now() - t));
  }
}
console.log(JSON.stringify(summary));
