// The speed tables of docs/benchmarks.md are written from the bench's JSON (scripts/bench-tables.mjs):
// the rows carry the measured numbers, only the text between the markers changes, and a document
// without its markers is refused with nothing written.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BEGIN, END, renderTables, replaceBetweenMarkers } from '../scripts/bench-tables.mjs';

const timing = (median: number, min = median, max = median) => ({ median, min, max, samples: [median] });

// Shaped as bench/browser/run.mjs, bench/kernels.bench.ts and bench/browser/ui.mjs write them, trimmed.
const browser = {
  date: '2026-12-05T10:00:00.000Z',
  adapter: {
    vendor: 'google',
    architecture: 'swiftshader',
    device: '',
    description: '',
    subgroups: true,
    timestampQuery: true,
    sameAdapterAsTfjs: true,
  },
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
  method: '5 reps after warm-up',
  workloads: [
    {
      name: 'cross-entropy fwd+bwd 4096×10',
      bytes: 327680,
      rows: [
        { contender: 'ours (K calls/submit)', ms: timing(1.03, 0.98, 1.2), reps: 5, callsPerRep: 50, firstResultMs: 300, vsFloor: 3.23 },
        { contender: 'floor: vec4 copy', ms: timing(0.32), reps: 5, callsPerRep: 50, firstResultMs: 40 },
        { contender: 'ours, variant workgroup', ms: timing(707, 690, 720), reps: 5, callsPerRep: 1, firstResultMs: 900, vsFloor: 2209 },
        { contender: 'tfjs-cpu', ms: timing(10499), reps: 0, callsPerRep: 1, firstResultMs: 10600, vsFloor: 32809 },
      ],
      check: { compared: 'loss and gradient', lossRelativeError: 1e-7, outputRelativeError: 4e-6, ok: true },
    },
    {
      name: 'MLP step 2→64→64→10, batch 256, Adam',
      rows: [
        { contender: 'ours (K calls/submit)', ms: timing(6.97), reps: 5, callsPerRep: 35, firstResultMs: 1500, stepsPerSecond: 143.5 },
      ],
      extra: { oursDispatchesPerStep: 13, tfjsWebgpuKernelsPerStep: 177 },
    },
    {
      name: 'softmax forms 1024×1000',
      rows: [
        { contender: 'ours (K calls/submit)', ms: timing(10.2), reps: 5, callsPerRep: 24, firstResultMs: 200, vsFloor: 1.85 },
        { contender: 'floor: vec4 copy', ms: timing(5.5), reps: 5, callsPerRep: 45, firstResultMs: 30 },
        { contender: 'form: max, Σexp, write: 3 reads', ms: timing(10.6), reps: 5, callsPerRep: 23, firstResultMs: 100, vsFloor: 1.92 },
      ],
    },
  ],
};
const kernels = {
  date: '2026-12-04T09:00:00.000Z',
  adapter: { vendor: 'google', architecture: 'swiftshader', device: '', description: '' },
  rows: [
    {
      workload: 'log-softmax 4096×10',
      ours: { median: 0.92, min: 0.9, max: 1.1 },
      floor: { median: 0.46, min: 0.44, max: 0.5 },
      bytes: 327680,
    },
    { workload: 'NT-Xent fwd+bwd 2N=512, D=128', ours: { median: 58.6, min: 57, max: 61 } },
  ],
};
const ui = {
  date: '2026-12-03T08:00:00.000Z',
  backend: 'WebGPU · google swiftshader',
  runs: 3,
  navigationToFirstStepMs: { median: 4700, min: 4650, max: 4900 },
  navigationToFirstMetricsMs: { median: 5100, min: 5000, max: 5300 },
  navigationToGpuHandoffMs: { median: 5324, min: 4900, max: 6100, runs: 2 },
  frameIntervalWhileCpuStepsMs: { p50: 16.8, p95: 616.7, max: 980, frames: 64 },
  frameIntervalMs: { p50: 16.7, p95: 16.8, max: 33.4, frames: 1400 },
};

const DOC = `# Benchmarks\n\nBefore, typed by hand.\n\n${BEGIN}\nold generated table\n${END}\n\n## After\n\nAlso by hand.\n`;

describe('bench tables', () => {
  const markdown = renderTables({ browser, kernels, ui }, '2026-12-05T12:00:00.000Z');

  it('writes a row per workload with the medians, steps/s, one-call notes and the ratio to the floor', () => {
    expect(markdown).toContain('Headless Chromium 156 on WebGPU; adapter: google · swiftshader; subgroups: yes');
    expect(markdown).toContain('| workload | ours (K calls/submit) | floor: vec4 copy | tfjs-cpu | ours ÷ floor |');
    expect(markdown).toContain('| cross-entropy fwd+bwd 4096×10 | 1.03 | 0.320 | 10499 (one call) | 3.23× |');
    expect(markdown).toContain('| MLP step 2→64→64→10, batch 256, Adam | 6.97 (144 steps/s) | – | – | – |');
  });

  it('puts forced variants and the softmax forms in tables of their own, not in the main one', () => {
    expect(markdown).toContain('| cross-entropy fwd+bwd 4096×10 | workgroup | 707 (690–720) |');
    expect(markdown).toContain('| × the floor | 1024×1000 |');
    expect(markdown).toContain('| form: max, Σexp, write: 3 reads | 1.92× |');
    expect(markdown).not.toContain('| softmax forms 1024×1000 |');
  });

  it('writes the Node kernels and the page, each with its own date and adapter', () => {
    expect(markdown).toContain('### Kernels on Dawn in Node (`kernels.json`, 2026-12-04)');
    expect(markdown).toContain('| log-softmax 4096×10 | 0.920 (0.900–1.10) | 0.460 (0.440–0.500) | 2.00× | 0.356 |');
    expect(markdown).toContain('| NT-Xent fwd+bwd 2N=512, D=128 | 58.6 (57.0–61.0) | – | – | – |');
    expect(markdown).toContain('### The page (`ui.json`, 2026-12-03)');
    expect(markdown).toContain('| navigation → first training step | 4700 (4650–4900) |');
    expect(markdown).toContain('| navigation → GPU takes over from the CPU warm start (2 of 3 loads) | 5324 (4900–6100) |');
    expect(markdown).toContain('| frame interval while the CPU steps (warm start) | p50 16.8, p95 616.7, max 980.0 (64 frames) |');
    expect(markdown).toContain('| frame interval while training | p50 16.7, p95 16.8, max 33.4 (1400 frames) |');
    expect(markdown).toContain(
      '- cross-entropy fwd+bwd 4096×10: ours vs tfjs-webgpu, loss and gradient: loss 1.0e-7, max rel. error 4.0e-6',
    );
  });

  it('says which result files were absent', () => {
    expect(renderTables({ ui }, '2026-12-05')).toContain('browser.json, kernels.json absent');
    // A result from before the warm start has no handoff row.
    expect(renderTables({ ui: { ...ui, navigationToGpuHandoffMs: null } }, '2026-12-05')).not.toContain('GPU takes over');
    expect(() => renderTables({})).toThrow(/no results/);
  });

  it('replaces only the text between the markers', () => {
    const updated = replaceBetweenMarkers(DOC, markdown);
    const [before, rest] = updated.split(BEGIN);
    const [between, after] = rest.split(END);
    expect(before).toBe(DOC.split(BEGIN)[0]);
    expect(after).toBe(DOC.split(END)[1]);
    expect(between).toBe(`\n${markdown}\n`);
    expect(updated).not.toContain('old generated table');
    // Regenerating is idempotent: the markers survive for the next run.
    expect(replaceBetweenMarkers(updated, markdown)).toBe(updated);
  });

  it('refuses a document whose markers are missing, repeated or out of order', () => {
    const refused = /must hold <!-- bench:begin --> and then <!-- bench:end -->/;
    expect(() => replaceBetweenMarkers('# Benchmarks\n', markdown)).toThrow(refused);
    expect(() => replaceBetweenMarkers(`${BEGIN}\n`, markdown)).toThrow(refused);
    expect(() => replaceBetweenMarkers(`${END}\n${BEGIN}\n`, markdown)).toThrow(refused);
    expect(() => replaceBetweenMarkers(`${DOC}${BEGIN}${END}`, markdown)).toThrow(refused);
  });

  it('as a command: writes the tables into the document, or exits 1 and leaves it untouched without markers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-tables-'));
    writeFileSync(join(dir, 'ui.json'), JSON.stringify(ui));
    const run = (doc: string) => {
      writeFileSync(join(dir, 'benchmarks.md'), doc);
      const result = spawnSync(process.execPath, ['scripts/bench-tables.mjs', '--results', dir, '--doc', join(dir, 'benchmarks.md')], {
        encoding: 'utf8',
      });
      return { ...result, doc: readFileSync(join(dir, 'benchmarks.md'), 'utf8') };
    };
    const written = run(DOC);
    expect(written.status).toBe(0);
    expect(written.doc).toContain('| navigation → first metrics | 5100 (5000–5300) |');
    const refused = run('# Benchmarks, no markers\n');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('must hold <!-- bench:begin -->');
    expect(refused.doc).toBe('# Benchmarks, no markers\n');
  });
});
