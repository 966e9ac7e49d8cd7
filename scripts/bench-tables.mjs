// The speed tables of docs/benchmarks.md, written from the bench's JSON instead of typed by hand:
// reads bench-results/{kernels,browser,ui}.json (those present, at least one) and replaces the text
// between the bench:begin and bench:end markers, and nothing else. `npm run bench` ends with it.
// Usage: node scripts/bench-tables.mjs [--results DIR] [--doc FILE]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BEGIN = '<!-- bench:begin -->';
export const END = '<!-- bench:end -->';
/** The bench's output files, in the order their tables appear. */
export const RESULT_FILES = ['browser.json', 'kernels.json', 'ui.json'];

// The contender names of bench/browser/names.ts and tfjsContenders.ts.
const OURS = 'ours (K calls/submit)';
const FLOOR = 'floor: vec4 copy';
const VARIANT_PREFIX = 'ours, variant ';
const SOFTMAX_FORMS = 'softmax forms';

const ms = (x) => (x >= 100 ? x.toFixed(0) : x.toPrecision(3));
const times = (x) => `${x >= 100 ? x.toFixed(0) : x.toPrecision(3)}×`;
const range = (t) => `${ms(t.median)} (${ms(t.min)}–${ms(t.max)})`;
const cell = (text) => String(text).replaceAll('|', '\\|');
const row = (cells) => `| ${cells.map(cell).join(' | ')} |`;
const table = (header, rows) => [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');
const day = (iso) => (iso ? iso.slice(0, 10) : 'date not recorded');

function adapterName(adapter) {
  const parts = [adapter?.vendor, adapter?.architecture, adapter?.device, adapter?.description].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : 'adapter not recorded';
}

/** Contender names in the order they first appear over the workloads. */
function contenders(workloads, keep) {
  const names = [];
  for (const w of workloads) for (const r of w.rows) if (keep(r.contender) && !names.includes(r.contender)) names.push(r.contender);
  return names;
}

/** A median in ms, with steps/s where the workload is a training step, and a note when there were no reps. */
function medianCell(r) {
  if (!r) return '–';
  const steps = r.stepsPerSecond === undefined ? '' : ` (${r.stepsPerSecond.toPrecision(3)} steps/s)`;
  const once = r.reps === 0 ? ' (one call)' : '';
  return `${ms(r.ms.median)}${steps}${once}`;
}

function browserSection(browser) {
  const a = browser.adapter ?? {};
  const chromium = /Chrome\/(\d+)/.exec(browser.userAgent ?? '')?.[1];
  const lines = [
    `### Browser (\`browser.json\`, ${day(browser.date)}${browser.only ? `; only the workloads matching "${browser.only}"` : ''})`,
    '',
    `Headless ${chromium ? `Chromium ${chromium}` : 'Chromium'} on WebGPU; adapter: ${adapterName(a)}; subgroups: ${a.subgroups ? 'yes' : 'no'}, ` +
      `timestamp-query: ${a.timestampQuery ? 'yes' : 'no'}; tfjs-webgpu on the same adapter: ${a.sameAdapterAsTfjs ? 'yes' : 'no'}.`,
  ];
  if (browser.method) lines.push(`Method: ${browser.method}.`);
  const workloads = browser.workloads ?? [];
  const main = workloads.filter((w) => !w.name.startsWith(SOFTMAX_FORMS));
  if (main.length > 0) {
    const names = contenders(main, (c) => !c.startsWith(VARIANT_PREFIX));
    const rows = main.map((w) => {
      const find = (c) => w.rows.find((r) => r.contender === c);
      const vsFloor = find(OURS)?.vsFloor;
      return [w.name, ...names.map((c) => medianCell(find(c))), vsFloor === undefined ? '–' : times(vsFloor)];
    });
    lines.push('', 'Medians, ms per call:', '', table(['workload', ...names, 'ours ÷ floor'], rows));
  }
  const variants = main.flatMap((w) =>
    w.rows
      .filter((r) => r.contender.startsWith(VARIANT_PREFIX))
      .map((r) => [w.name, r.contender.slice(VARIANT_PREFIX.length), range(r.ms)]),
  );
  if (variants.length > 0) {
    lines.push('', 'Each kernel variant forced, ms per call, median (min–max):', '', table(['workload', 'variant', 'ms'], variants));
  }
  const forms = workloads.filter((w) => w.name.startsWith(SOFTMAX_FORMS));
  if (forms.length > 0) {
    const names = contenders(forms, (c) => c !== FLOOR);
    const rows = names.map((c) => [
      c,
      ...forms.map((w) => {
        const r = w.rows.find((x) => x.contender === c);
        return r?.vsFloor === undefined ? '–' : times(r.vsFloor);
      }),
    ]);
    const shapes = forms.map((w) => w.name.slice(SOFTMAX_FORMS.length).trim());
    lines.push('', 'Softmax forms, × the floor in the same run:', '', table(['× the floor', ...shapes], rows));
  }
  const notes = [];
  for (const w of workloads) {
    const c = w.check;
    if (c) {
      const loss = c.lossRelativeError === undefined ? '' : `loss ${c.lossRelativeError.toExponential(1)}, `;
      notes.push(
        `- ${w.name}: ours vs tfjs-webgpu, ${c.compared}: ${loss}max rel. error ${c.outputRelativeError.toExponential(1)}${c.ok ? '' : ' (DISAGREE)'}`,
      );
    }
    const extra = Object.entries(w.extra ?? {});
    if (extra.length > 0) notes.push(`- ${w.name}: ${extra.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  if (notes.length > 0) lines.push('', ...notes);
  return lines.join('\n');
}

function kernelsSection(kernels) {
  const rows = (kernels.rows ?? []).map((r) => [
    r.workload,
    range(r.ours),
    r.floor ? range(r.floor) : '–',
    r.floor ? times(r.ours.median / r.floor.median) : '–',
    r.bytes ? (r.bytes / (r.ours.median * 1e6)).toPrecision(3) : '–',
  ]);
  return [
    `### Kernels on Dawn in Node (\`kernels.json\`, ${day(kernels.date)})`,
    '',
    `Adapter: ${adapterName(kernels.adapter)}. ms per call, median (min–max):`,
    '',
    table(['workload', 'ours', 'vec4 floor', 'ours ÷ floor', 'GB/s'], rows),
  ].join('\n');
}

function uiSection(ui) {
  const f = ui.frameIntervalMs;
  const frames = (x) => `p50 ${x.p50.toFixed(1)}, p95 ${x.p95.toFixed(1)}, max ${x.max.toFixed(1)} (${x.frames} frames)`;
  const rows = [
    ['navigation → first training step', range(ui.navigationToFirstStepMs)],
    ['navigation → first metrics', range(ui.navigationToFirstMetricsMs)],
    // Results from before the warm start (issue 17) have no handoff.
    ...(ui.navigationToGpuHandoffMs
      ? [
          [
            `navigation → GPU takes over from the CPU warm start (${ui.navigationToGpuHandoffMs.runs} of ${ui.runs} loads)`,
            range(ui.navigationToGpuHandoffMs),
          ],
        ]
      : []),
    ['frame interval while training', frames(f)],
    ...(ui.frameIntervalFirstTwoSecondsMs
      ? [['frame interval, first 2 s after the first step', frames(ui.frameIntervalFirstTwoSecondsMs)]]
      : []),
    ...(ui.frameIntervalWhileCpuStepsMs
      ? [['frame interval while the CPU steps (warm start)', frames(ui.frameIntervalWhileCpuStepsMs)]]
      : []),
  ];
  return [
    `### The page (\`ui.json\`, ${day(ui.date)})`,
    '',
    `${ui.backend ?? 'Backend not recorded'}; ${ui.runs} loads, each in a fresh browser; ms, median (min–max) over the loads:`,
    '',
    table(['measure', 'ms'], rows),
  ].join('\n');
}

/** The generated markdown for whichever results are given: { browser?, kernels?, ui? }, as the bench wrote them. */
export function renderTables(results, generatedOn = new Date().toISOString()) {
  const sections = [];
  if (results.browser) sections.push(browserSection(results.browser));
  if (results.kernels) sections.push(kernelsSection(results.kernels));
  if (results.ui) sections.push(uiSection(results.ui));
  if (sections.length === 0) throw new Error('bench-tables: no results to write (run `npm run bench` first)');
  const missing = RESULT_FILES.filter((f) => !results[f.replace('.json', '')]);
  const absent = missing.length > 0 ? ` (${missing.join(', ')} absent: not in these tables)` : '';
  return [
    `_Generated by \`scripts/bench-tables.mjs\` on ${day(generatedOn)} from the bench's JSON${absent}._`,
    '',
    ...sections.join('\n\n').split('\n'),
  ].join('\n');
}

/** `doc` with the text between the markers replaced by `generated`; throws, naming what is missing, if the markers are not there once each in order. */
export function replaceBetweenMarkers(doc, generated, docName = 'the document') {
  const begin = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (begin < 0 || end < 0 || end < begin || doc.indexOf(BEGIN, begin + 1) >= 0 || doc.indexOf(END, end + 1) >= 0) {
    throw new Error(
      `bench-tables: ${docName} must hold ${BEGIN} and then ${END}, once each, around the generated tables; nothing was written`,
    );
  }
  return `${doc.slice(0, begin + BEGIN.length)}\n${generated.trim()}\n${doc.slice(end)}`;
}

function main(argv) {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const option = (name, fallback) => {
    const at = argv.indexOf(name);
    return at >= 0 && argv[at + 1] ? argv[at + 1] : fallback;
  };
  const dir = option('--results', join(root, 'bench-results'));
  const docPath = option('--doc', join(root, 'docs/benchmarks.md'));
  const results = {};
  for (const file of RESULT_FILES) {
    const path = join(dir, file);
    if (existsSync(path)) results[file.replace('.json', '')] = JSON.parse(readFileSync(path, 'utf8'));
  }
  const doc = replaceBetweenMarkers(readFileSync(docPath, 'utf8'), renderTables(results), docPath);
  writeFileSync(docPath, doc);
  console.log(`bench-tables: wrote the tables from ${Object.keys(results).join(', ')} into ${docPath}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
