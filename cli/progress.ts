// Progress for the headless runner: a bar on a terminal (cli-progress), plain lines in logs and CI.
import { Presets, SingleBar } from 'cli-progress';
import type { Progress } from '../src/engine/experiment/run';

export interface Reporter {
  update(progress: Progress): void;
  stop(): void;
}

const line = (p: Progress) =>
  `step ${p.step} | epoch ${p.epoch} | batch loss ${p.batchLoss.toFixed(4)}${p.emptyBatch ? ' (the batch kept no weight: every row ignored)' : ''} | grad norm ${p.gradientNorm.toPrecision(3)} | train acc ${(p.train.accuracy * 100).toFixed(1)}% | ` +
  `validation loss ${p.validation.loss.toFixed(4)} | validation acc ${(p.validation.accuracy * 100).toFixed(1)}%`;

export function reporter(totalSteps: number, tty: boolean): Reporter {
  if (!tty) {
    return { update: (p) => process.stdout.write(`${line(p)}\n`), stop: () => {} };
  }
  const bar = new SingleBar({ format: '{bar} {value}/{total} | {status}', hideCursor: true }, Presets.shades_classic);
  bar.start(totalSteps, 0, { status: '' });
  return { update: (p) => bar.update(p.step, { status: line(p) }), stop: () => bar.stop() };
}
