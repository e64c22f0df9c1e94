// torch.save killed mid-write: a writer SIGKILLed at 100 random moments leaves its target absent, the
// old file or the new one, never a part of one (temporary file, fsync, rename); the temporary files
// of killed writers are removed by the next torch.save to that path, those of live writers are not.
// The killed writers run torch.save's file writer without libtorch (test/helpers/save_loop.ts).
import { describe as suite, it, expect } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as torch from '../../lib';
import { ZipReader, writeArchive } from '../../lib/serialization/zip';
import { repoRoot, transpileTree } from '../helpers/child';

const KILLS = 100;

// mulberry32: the kill moments are reproducible from the seed.
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** About 5 MB: the 'old' and the 'new' contents differ in every tensor. */
function stateDict(which: 'old' | 'new'): { which: string; w: torch.Tensor; b: torch.Tensor } {
  torch.manualSeed(which === 'old' ? 1 : 2);
  return { which, w: torch.rand(1000, 1000), b: torch.rand(250_000) };
}

const temporaries = (dir: string): string[] => fs.readdirSync(dir).filter((n) => n.startsWith('.sd.pth.') && n.endsWith('.tmp'));

/** Milliseconds that torch.save's writer takes to write the records of file (the median of three writes). */
function timeWrite(file: string, to: string): number {
  const fd = fs.openSync(file, 'r');
  const zip = new ZipReader(fd, fs.fstatSync(fd).size);
  const records: [string, Uint8Array][] = ['data.pkl', 'data/0', 'data/1', 'version'].map((name) => [name, zip.bytes(name)]);
  fs.closeSync(fd);
  const ms = [0, 1, 2].map(() => {
    const t = performance.now();
    writeArchive(to, 'sd', records);
    return performance.now() - t;
  });
  return ms.sort((a, b) => a - b)[1];
}

interface Writer { ready: Promise<void>; exit: Promise<string | null>; kill(ms: number): Promise<void> }

/** Starts a writer; kill(ms) lets it write for ms, SIGKILLs it and waits for its end. */
function startWriter(js: string, args: string[]): Writer {
  const child = spawn(process.execPath, [js, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exit = new Promise<string | null>((resolve) => child.on('exit', (code, signal) => resolve(signal === 'SIGKILL' ? null : `exit ${code ?? signal}: ${stderr}`)));
  const ready = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  return {
    ready,
    exit,
    async kill(ms) {
      await Promise.race([ready, exit]);
      child.stdin.write('go\n');
      setTimeout(() => child.kill('SIGKILL'), ms);
      const error = await exit;
      if (error !== null) throw new Error(`the writer ended before it was killed (${error})`);
    },
  };
}

suite('torch.save killed while writing', () => {
  it(`leaves no corrupt file after ${KILLS} SIGKILLs, and the next save removes the killed writers' temporary files`, async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'torch-node-kill-'));
    const expected = { old: stateDict('old'), new: stateDict('new') };
    const refs = { old: path.join(work, 'old', 'sd.pth'), new: path.join(work, 'new', 'sd.pth') };
    for (const which of ['old', 'new'] as const) {
      fs.mkdirSync(path.dirname(refs[which]));
      torch.save(expected[which], refs[which]);
    }
    const bytes = { old: fs.readFileSync(refs.old), new: fs.readFileSync(refs.new) };
    const js = transpileTree(path.join(repoRoot, 'test', 'helpers', 'save_loop.ts'), path.join(work, 'js'));
    const dir = path.join(work, 'out');
    fs.mkdirSync(dir);
    const target = path.join(dir, 'sd.pth');

    // Kill moments spread over the first three writes, timed here (10 to 40 ms for 5 MB and its fsync
    // on an idle machine, much more on a busy one).
    const writeMs = timeWrite(refs.old, path.join(work, 'timing.pth'));
    const random = prng(11);
    const seen = { absent: 0, old: 0, new: 0, corrupt: 0 };
    let killsLeavingTemporaries = 0;
    let mostTemporaries = 0;
    // Writers start ahead (they read their records, then wait), so that starting Node overlaps the kills.
    const writers: Writer[] = [];
    const start = (): void => {
      if (writers.length < KILLS) writers.push(startWriter(js, [target, 'sd', refs.old, refs.new]));
    };
    start();
    start();
    for (let k = 0; k < KILLS; k++) {
      start();
      await writers[k].kill(Math.floor(random() * 3 * writeMs));
      const left = temporaries(dir).length;
      if (left) killsLeavingTemporaries++;
      mostTemporaries = Math.max(mostTemporaries, left);
      if (!fs.existsSync(target)) {
        seen.absent++;
        continue;
      }
      const file = fs.readFileSync(target);
      const which = file.equals(bytes.old) ? 'old' : file.equals(bytes.new) ? 'new' : null;
      if (!which) {
        seen.corrupt++;
        continue;
      }
      seen[which]++;
      const sd = torch.load(target);
      expect(sd.which).toBe(which);
      expect(torch.equal(sd.w, expected[which].w) && torch.equal(sd.b, expected[which].b)).toBe(true);
    }
    torch.save(expected.new, target);
    const after = temporaries(dir).length;
    console.log(`save_kill: ${KILLS} kills within ${Math.round(3 * writeMs)} ms of a writer's start: ${seen.absent} absent, ${seen.old} old, ${seen.new} new, ${seen.corrupt} corrupt; ` +
      `${killsLeavingTemporaries} kills left a temporary file (at most ${mostTemporaries} at once), ${after} after the next torch.save`);
    fs.rmSync(work, { recursive: true, force: true });

    expect(seen.corrupt).toBe(0);
    // Kills landed inside writes (before and after the rename), and each new writer cleared what the
    // one before it left.
    expect(killsLeavingTemporaries).toBeGreaterThan(0);
    expect(seen.old + seen.new).toBeGreaterThan(0);
    expect(mostTemporaries).toBeLessThanOrEqual(2);
    expect(after).toBe(0);
  }, 150_000);

  it("keeps the temporary files of live writers and of other paths", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'torch-node-kill-'));
    const dead = spawnSync(process.execPath, ['-e', '']).pid as number;
    const files = {
      dead: `.sd.pth.${dead}.0123456789ab.tmp`,
      live: `.sd.pth.${process.ppid}.0123456789ab.tmp`, // the test runner: alive, another process
      own: `.sd.pth.${process.pid}.0123456789ab.tmp`, // a worker thread of this process may be writing it
      otherPath: `.sd.pth.old.${dead}.0123456789ab.tmp`,
    };
    for (const name of Object.values(files)) fs.writeFileSync(path.join(dir, name), 'partial');
    torch.save({ x: torch.ones(2) }, path.join(dir, 'sd.pth'));
    expect(fs.readdirSync(dir).sort()).toEqual([files.live, files.own, files.otherPath, 'sd.pth'].sort());
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
