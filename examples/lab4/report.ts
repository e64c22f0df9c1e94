// The lab report: results.json, the learning curves as SVG (vega-lite, rendered without a browser),
// and an index.html that shows them with the results table, viewable offline.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EpochRecord } from './training';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const vega = require('vega');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const vl = require('vega-lite');

export interface ExperimentResult {
  id: string;
  title: string;
  history: EpochRecord[];
  trainAcc: number;
  testAcc: number;
  finalLoss: number;
  seconds: number;
  /** Why the run differs from the lab's intent (e.g. AlexNet from random initialisation). */
  note?: string;
  config: Record<string, unknown>;
}

export interface Report {
  createdAt: string;
  config: Record<string, unknown>;
  versions: Record<string, unknown>;
  experiments: ExperimentResult[];
}

/** One row per experiment: what the console table and the HTML table show. */
export function summaryRows(experiments: ExperimentResult[]): string[][] {
  return experiments.map((e) => [
    e.title + (e.note ? ' *' : ''),
    pct(e.trainAcc),
    pct(e.testAcc),
    pct(e.trainAcc - e.testAcc),
    e.finalLoss.toFixed(4),
    `${e.seconds.toFixed(1)} s`,
  ]);
}
export const summaryHeader = ['experiment', 'train acc', 'test acc', 'gap (train − test)', 'final loss', 'time'];

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

const SPLITS = ['training set', 'test set'];

/**
 * One small panel per experiment, its train and test curves together: seven experiments on one chart
 * crowd it, and a faceted chart keeps each run's gap between the two curves readable. Loss panels
 * have their own y scales (Dropout's loss sits far above the others); accuracy shares [0, 1].
 */
function curveSpec(experiments: ExperimentResult[], metric: 'Loss' | 'Acc', title: string): object {
  const values = experiments.flatMap((e) =>
    e.history.flatMap((h) => [
      { experiment: e.title, split: SPLITS[0], epoch: h.epoch, value: metric === 'Loss' ? h.trainLoss : h.trainAcc },
      { experiment: e.title, split: SPLITS[1], epoch: h.epoch, value: metric === 'Loss' ? h.testLoss : h.testAcc },
    ]),
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    data: { values },
    columns: 4,
    facet: {
      field: 'experiment',
      type: 'nominal',
      title: null,
      sort: experiments.map((e) => e.title),
      header: { labelLimit: 0, labelFontSize: 12 },
    },
    spec: {
      width: 190,
      height: 130,
      mark: { type: 'line', point: false },
      encoding: {
        x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1, format: 'd' } },
        y: { field: 'value', type: 'quantitative', title: metric === 'Loss' ? 'cross-entropy loss' : 'accuracy', scale: metric === 'Acc' ? { domain: [0, 1] } : { zero: false } },
        color: { field: 'split', type: 'nominal', title: null, scale: { domain: SPLITS }, legend: { labelLimit: 0, orient: 'top' } },
      },
    },
    resolve: { scale: { y: metric === 'Loss' ? 'independent' : 'shared' } },
  };
}
async function toSvg(spec: object): Promise<string> {
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  return view.toSVG();
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** Writes results.json, loss.svg, accuracy.svg and index.html into `outDir`; returns the HTML path. */
export async function writeReport(outDir: string, report: Report): Promise<string> {
  fs.mkdirSync(outDir, { recursive: true });
  const runs = report.experiments.filter((e) => e.history.length > 0);
  const lossSvg = await toSvg(curveSpec(runs, 'Loss', 'Loss per epoch'));
  const accSvg = await toSvg(curveSpec(runs, 'Acc', 'Accuracy per epoch'));
  writeAtomic(path.join(outDir, 'results.json'), JSON.stringify(report, null, 2));
  writeAtomic(path.join(outDir, 'loss.svg'), lossSvg);
  writeAtomic(path.join(outDir, 'accuracy.svg'), accSvg);
  const rows = summaryRows(report.experiments)
    .map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th>${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`)
    .join('\n');
  const notes = report.experiments.filter((e) => e.note).map((e) => `<li>* ${escapeHtml(e.title)}: ${escapeHtml(e.note!)}</li>`).join('\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>torch-node — Lab 4 report</title>
<style>body{font-family:sans-serif;max-width:1080px;margin:2em auto;color:#222}table{border-collapse:collapse}
th,td{padding:4px 10px;border-bottom:1px solid #ddd;text-align:right}th:first-child{text-align:left}
figure{margin:1.5em 0}code{background:#f4f4f4;padding:1px 4px}</style></head>
<body>
<h1>Lab 4: overfitting and regularization</h1>
<p>Generated ${escapeHtml(report.createdAt)} by torch-node ${escapeHtml(String(report.versions.torchNode))}
(libtorch ${escapeHtml(String(report.versions.libtorch))}, BLAS ${escapeHtml(String(report.versions.blas))}, device ${escapeHtml(String(report.config.device))}).</p>
<table><thead><tr>${summaryHeader.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table>
${notes ? `<ul>${notes}</ul>` : ''}
<figure id="loss">${lossSvg}</figure>
<figure id="accuracy">${accSvg}</figure>
<p>Data: <code>results.json</code> (histories, configuration, versions, timings); plots: <code>loss.svg</code>, <code>accuracy.svg</code>.</p>
</body></html>
`;
  const htmlPath = path.join(outDir, 'index.html');
  writeAtomic(htmlPath, html);
  return htmlPath;
}

function writeAtomic(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}
