// `npm run lab` end to end on a small setting: options, the results table, the report files, and the
// HTML opened in a real headless Chromium (Debian's) to check that the plots render.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main, parseOptions } from '../../examples/lab4/lab';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
let out: string;
let logs: string[];

function capture<T>(fn: () => Promise<T>): Promise<{ result: T; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const [log, outWrite, errWrite] = [console.log, process.stdout.write, process.stderr.write];
  console.log = (...a: unknown[]) => { stdout.push(a.join(' ') + '\n'); };
  process.stdout.write = ((s: string) => { stdout.push(String(s)); return true; }) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => { stderr.push(String(s)); return true; }) as typeof process.stderr.write;
  return fn().finally(() => {
    console.log = log;
    process.stdout.write = outWrite;
    process.stderr.write = errWrite;
  }).then((result) => ({ result, stdout: stdout.join(''), stderr: stderr.join('') }));
}

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'lab4-report-'));
  const r = await capture(() => main(['--epochs', '3', '--train-size', '64', '--test-size', '100', '--only', 'e1,e2-dropout,l2', '--out', out]));
  expect(r.stderr).toBe('');
  expect(r.result).toBe(0);
  logs = r.stdout.split('\n');
});
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe('npm run lab', () => {
  it('prints a results table with accuracy, gap, loss and time for each experiment', () => {
    const text = logs.join('\n');
    for (const title of ['E1 MLP (overfits)', 'E2 Dropout + StepLR', 'L2 term']) expect(text).toContain(title);
    for (const head of ['train acc', 'test acc', 'gap (train − test)', 'final loss', 'time']) expect(text).toContain(head);
  });

  it('writes results.json with the histories, configuration, versions and timings', () => {
    const r = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8'));
    expect(r.experiments.map((e: { id: string }) => e.id)).toEqual(['e1', 'e2-dropout', 'l2']);
    for (const e of r.experiments) {
      expect(e.history).toHaveLength(3);
      expect(e.history[2].epoch).toBe(3);
      expect(e.seconds).toBeGreaterThan(0);
      expect(e.trainAcc).toBeGreaterThanOrEqual(0);
      expect(e.trainAcc).toBeLessThanOrEqual(1);
    }
    // the learning rate of the StepLR experiment is recorded per epoch
    expect(r.experiments[1].history[0].lr).toBeCloseTo(1e-4, 12);
    expect(r.versions.libtorch).toMatch(/^\d+\.\d+/);
    expect(r.config.epochs).toBe(3);
    expect(fs.readFileSync(path.join(out, 'loss.svg'), 'utf8')).toMatch(/^<svg/);
    expect(fs.readFileSync(path.join(out, 'accuracy.svg'), 'utf8')).toMatch(/^<svg/);
  });

  it.skipIf(!CHROMIUM)('renders the learning curves in headless Chromium', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
      await page.goto('file://' + path.join(out, 'index.html'));
      const figures = await page.evaluate(() =>
        [...document.querySelectorAll('figure')].map((f) => {
          const svg = f.querySelector('svg')!;
          const box = svg.getBoundingClientRect();
          // a vega line mark per curve; drawn, each spans most of its small panel's width
          const lines = [...svg.querySelectorAll('path[aria-roledescription="line mark"]')].map((p) => (p as SVGGraphicsElement).getBBox().width);
          return { id: f.id, width: box.width, height: box.height, lines, text: svg.textContent };
        }),
      );
      expect(figures.map((f) => f.id)).toEqual(['loss', 'accuracy']);
      for (const f of figures) {
        expect(f.width).toBeGreaterThan(600);
        expect(f.height).toBeGreaterThan(150);
        // one panel per experiment with its train and test curves: 3 × 2 lines, each drawn across its panel
        expect(f.lines).toHaveLength(6);
        for (const w of f.lines) expect(w).toBeGreaterThan(150);
        // the panels carry the experiments' full names, and the legend names both curves
        for (const title of ['E1 MLP (overfits)', 'E2 Dropout + StepLR', 'L2 term (λ=0.0001)', 'training set', 'test set', 'epoch']) expect(f.text).toContain(title);
      }
      const rows = await page.locator('tbody tr').count();
      expect(rows).toBe(3);
      await page.screenshot({ path: path.join(out, 'screenshot.png'), fullPage: true });
      if (process.env.LAB_SCREENSHOT) fs.copyFileSync(path.join(out, 'screenshot.png'), process.env.LAB_SCREENSHOT);
    } finally {
      await browser.close();
    }
  });

  it('rejects bad option values with a message and exit code 2, without a stack trace', async () => {
    for (const [args, message] of [
      [['--epochs', '0'], /--epochs must be a positive integer, got '0'/],
      [['--epochs', 'ten'], /--epochs must be a positive integer/],
      [['--only', 'e9'], /--only takes a comma-separated list of e1, e2-dropout/],
      [['--device', 'tpu'], /--device must be cpu or cuda/],
      [['--bogus'], /Unknown option '--bogus'/],
      [['--download'], /--download needs --data DIR/],
    ] as [string[], RegExp][]) {
      const r = await capture(() => main(args));
      expect(r.result).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('parses the documented defaults', () => {
    const o = parseOptions([]);
    expect(o).toMatchObject({ epochs: 40, trainSize: 200, testSize: 2000, seed: 0, device: 'cpu' });
    expect(parseOptions(['--help'])).toBe('help');
  });
});
