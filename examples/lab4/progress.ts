// One progress bar per experiment (epoch, loss, accuracy) on a terminal; a single summary line per
// experiment when stdout is not a TTY (CI logs, pipes).
// eslint-disable-next-line @typescript-eslint/no-var-requires
const cliProgress = require('cli-progress');
import type { EpochRecord } from './training';

export interface ExperimentProgress {
  update(rec: EpochRecord): void;
  stop(): void;
}

export function progressBar(title: string, epochs: number): ExperimentProgress {
  let last: EpochRecord | undefined;
  if (!process.stdout.isTTY) {
    return {
      update: (rec) => { last = rec; },
      stop: () => {
        if (last) console.log(`${title}: ${last.epoch} epochs, loss ${last.fitLoss.toFixed(4)}, train ${(100 * last.trainAcc).toFixed(1)}%, test ${(100 * last.testAcc).toFixed(1)}%`);
      },
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: `${title.padEnd(28)} [{bar}] epoch {value}/{total} · loss {loss} · train {train} · test {test}`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(epochs, 0, { loss: '-', train: '-', test: '-' });
  return {
    update: (rec) => bar.update(rec.epoch, { loss: rec.fitLoss.toFixed(4), train: `${(100 * rec.trainAcc).toFixed(1)}%`, test: `${(100 * rec.testAcc).toFixed(1)}%` }),
    stop: () => bar.stop(),
  };
}
