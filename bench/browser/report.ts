// The table: ms per call, throughput, ratios to the floor and to ours, time to first result.
import type { Agreement } from './check';
import type { Measured } from './measure';
import { FLOOR, OURS, OURS_SINGLE } from './names';

export interface Row extends Measured {
  /** Effective GB/s (cross-entropy, log-softmax) from the median. */
  gbPerSecond?: number;
  /** Training steps per second (MLP) from the median. */
  stepsPerSecond?: number;
  /** Median ms over the floor's median ms. */
  vsFloor?: number;
  /** Median ms over ours (batched) median ms. */
  vsOurs?: number;
}

export interface WorkloadResult {
  name: string;
  bytes?: number;
  rows: Row[];
  check?: Agreement;
  extra?: Record<string, number>;
}

export function withRatios(measured: Measured[], bytes: number | undefined, perStep: boolean): Row[] {
  const median = (name: string) => measured.find((m) => m.contender === name)?.ms.median;
  const floor = median(FLOOR);
  const ours = median(OURS);
  return measured.map((m) => ({
    ...m,
    ...(bytes ? { gbPerSecond: bytes / (m.ms.median * 1e6) } : {}),
    ...(perStep ? { stepsPerSecond: 1000 / m.ms.median } : {}),
    ...(floor && m.contender !== FLOOR ? { vsFloor: m.ms.median / floor } : {}),
    ...(ours && m.contender !== OURS ? { vsOurs: m.ms.median / ours } : {}),
  }));
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toPrecision(3));
const ratio = (x: number | undefined) => (x === undefined ? '-' : `${x >= 100 ? x.toFixed(0) : x.toPrecision(3)}×`);

function throughput(row: Row): string {
  if (row.gbPerSecond !== undefined) return `${row.gbPerSecond.toPrecision(3)} GB/s`;
  if (row.stepsPerSecond !== undefined) return `${row.stepsPerSecond.toPrecision(3)} steps/s`;
  return '-';
}

function checkLine(name: string, check: Agreement): string {
  const loss = check.lossRelativeError === undefined ? '' : `loss rel. error ${check.lossRelativeError.toExponential(1)}, `;
  const verdict = check.ok ? 'agree' : 'WARNING: DISAGREE, the comparison is not like for like';
  return `${name}: ours vs tfjs-webgpu ${check.compared}: ${loss}max rel. error ${check.outputRelativeError.toExponential(1)} → ${verdict}`;
}

export function formatTable(results: WorkloadResult[], header: string[]): string {
  const lines = [
    ...header,
    '',
    '| workload | contender | ms/call median (min–max) | reps × calls | throughput | × floor | × ours | first result ms | note |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const result of results) {
    result.rows.forEach((row, i) => {
      const timing = `${ms(row.ms.median)} (${ms(row.ms.min)}–${ms(row.ms.max)})`;
      const cells = [i === 0 ? result.name : '', row.contender, timing, `${row.reps} × ${row.callsPerRep}`, throughput(row)];
      // Ours' 1-call row reuses the pipelines ours' batched row built: its first result is not a cold start.
      const first = row.contender === OURS_SINGLE ? '-' : ms(row.firstResultMs);
      cells.push(ratio(row.vsFloor), ratio(row.vsOurs), first, row.note ?? '');
      lines.push(`| ${cells.join(' | ')} |`);
    });
  }
  lines.push('');
  for (const result of results) {
    if (result.check) lines.push(checkLine(result.name, result.check));
    const extra = Object.entries(result.extra ?? {}).map(([key, value]) => `${key} ${value}`);
    if (extra.length > 0) lines.push(`${result.name}: ${extra.join(', ')}`);
  }
  return lines.join('\n');
}
