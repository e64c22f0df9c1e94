// The OpInfo suite outside vitest, for scripts/device-check.sh: compiled with tsc beside the library,
// it runs the fixture's samples (made on the fixture's device: index.json `device`) through the compiled
// runner.js, with a time box, and writes report.md beside the fixture and a JSON summary.
//   node <tsc outDir>/test/opinfo/run_all.js <summary.json> <children> <seconds>
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadIndex, opLabel } from './fixture';
import { runSuite } from './suite';

async function main(): Promise<void> {
  const [summaryFile, children, seconds] = process.argv.slice(2);
  const index = loadIndex();
  const deadline = Date.now() + Number(seconds) * 1000;
  const r = await runSuite([process.execPath, path.join(__dirname, 'runner.js')], { shards: Number(children), deadline });
  const failures = [...r.outcomes]
    .filter(([, o]) => o.status === 'fail' || o.status === 'crash')
    .map(([i, o]) => ({ op: opLabel(index.ops[i]), family: index.ops[i].family, status: o.status, kind: o.kind, reason: o.reason }));
  const notRun: Record<string, number> = {};
  for (const o of r.outcomes.values()) if (o.status === 'not run') notRun[o.reason!] = (notRun[o.reason!] ?? 0) + 1;
  const summary = { torch: index.torch, device: index.device ?? 'cpu', seconds: r.seconds, byFamily: r.byFamily, crashes: r.crashes, failures, notRun };
  fs.writeFileSync(summaryFile, JSON.stringify(summary, null, 1));
  console.log(`OpInfo on ${summary.device} (PyTorch ${index.torch} samples), ${r.seconds.toFixed(1)} s:\n${r.table}\ncrashes: ${r.crashes.length}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
