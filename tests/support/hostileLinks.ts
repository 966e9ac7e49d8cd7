// Seeded share links as a hostile or careless sender makes them: random text, real links cut short,
// hostile JSON (prototype keys, huge arrays, deep nesting, wrong types, 10⁵ unknown keys) and
// experiments at the edges of every range. The fuzz test and the e2e open them.
// The default import: Playwright's Node loader (the e2e) takes only that from this CommonJS package.
import lz from 'lz-string';
import { DEFAULT_EXPERIMENT } from '../../src/engine/experiment/defaults';
import { PRESETS } from '../../src/engine/experiment/presets';
import type { Random } from '../../src/engine/random';

export type LinkKind = 'random' | 'truncated' | 'hostile' | 'extreme-valid';

export interface FuzzLink {
  kind: LinkKind;
  name: string;
  hash: string;
}

/** As src/store/shareLink.ts's experimentFragment writes it. */
const pack = (json: string) => `#experiment=${lz.compressToEncodedURIComponent(json)}`;
const URL_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$%=&#?/<>"\' ';

function randomLinks(random: Random, count: number): FuzzLink[] {
  return Array.from({ length: count }, (_, i) => {
    const length = 1 + random.int(400);
    let text = '';
    for (let k = 0; k < length; k++)
      text += i % 2 === 0 ? URL_CHARACTERS[random.int(URL_CHARACTERS.length)] : String.fromCharCode(random.int(0x3000));
    return { kind: 'random', name: `random text ${i} (${length} characters)`, hash: i % 3 === 0 ? `#experiment=${text}` : `#${text}` };
  });
}

function truncatedLinks(random: Random, count: number): FuzzLink[] {
  return Array.from({ length: count }, (_, i) => {
    const full = pack(JSON.stringify(PRESETS[i % PRESETS.length].experiment));
    const cut = 1 + random.int(full.length - 2);
    return { kind: 'truncated', name: `${PRESETS[i % PRESETS.length].id} cut at ${cut} of ${full.length}`, hash: full.slice(0, cut) };
  });
}

/** The default experiment with `change` applied to a copy (typed loosely: the point is bad values). */
function tampered(change: (draft: Record<string, any>) => void): string {
  const draft = structuredClone(DEFAULT_EXPERIMENT) as Record<string, any>;
  change(draft);
  return JSON.stringify(draft);
}

function hostileLinks(): FuzzLink[] {
  const deep = (depth: number, open: string, close: string) => open.repeat(depth) + close.repeat(depth);
  const manyKeys = `{${Array.from({ length: 100_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`;
  const cases: [string, string][] = [
    ['__proto__ at the root', `{"__proto__":{"polluted":1},${JSON.stringify(DEFAULT_EXPERIMENT).slice(1)}`],
    ['__proto__ inside data', tampered((d) => Object.defineProperty(d.data, '__proto__', { value: { polluted: 1 }, enumerable: true }))],
    [
      'constructor.prototype',
      tampered((d) => Object.defineProperty(d, 'constructor', { value: { prototype: { polluted: 1 } }, enumerable: true })),
    ],
    ['prototype key in the optimizer', tampered((d) => (d.optimizer.prototype = { polluted: 1 }))],
    ['10⁵ unknown keys at the root', manyKeys],
    ['10⁵ unknown keys beside a valid experiment', `${JSON.stringify(DEFAULT_EXPERIMENT).slice(0, -1)},${manyKeys.slice(1)}`],
    ['10⁵ hidden layers', tampered((d) => (d.model.hidden = new Array(100_000).fill(8)))],
    ['10⁵ custom weights', tampered((d) => (d.loss.classWeights = { kind: 'custom', weights: new Array(100_000).fill(1) }))],
    ['a 10⁶-character file name', tampered((d) => (d.data = { source: 'csv', file: 'x'.repeat(1_000_000) }))],
    ['arrays nested 10⁵ deep', deep(100_000, '[', ']')],
    [
      'objects nested 10⁴ deep in the seed',
      tampered((d) => (d.seed = 0)).replace('"seed":0', `"seed":${deep(10_000, '{"a":', '}').replace(/:}/, ':1}')}`),
    ],
    ['null', 'null'],
    ['a number', '42'],
    ['a string', '"spirals"'],
    ['an empty object', '{}'],
    ['an array of experiments', `[${JSON.stringify(DEFAULT_EXPERIMENT)}]`],
    ['the seed as a string', tampered((d) => (d.seed = '7'))],
    ['the seed as NaN text', tampered((d) => (d.seed = 'NaN'))],
    ['a negative sample count', tampered((d) => (d.data.samples = -1))],
    ['10⁹ samples', tampered((d) => (d.data.samples = 1e9))],
    ['1e308 learning rate', tampered((d) => (d.optimizer.lr = 1e308))],
    ['a fractional batch size', tampered((d) => (d.training.batchSize = 3.5))],
    ['batch size 10⁶', tampered((d) => (d.training.batchSize = 1e6))],
    ['hidden width 10⁶', tampered((d) => (d.model.hidden = [1e6]))],
    ['an unknown loss mode', tampered((d) => (d.loss.mode = 'focal'))],
    ['an unknown data source', tampered((d) => (d.data.source = 'http://evil.test/data.csv'))],
    ['another version', tampered((d) => (d.version = 99))],
    ['labels smoothing as an object', tampered((d) => (d.loss.labelSmoothing = { valueOf: 1 }))],
    ['every field null', JSON.stringify(Object.fromEntries(Object.keys(DEFAULT_EXPERIMENT).map((k) => [k, null])))],
    ['a lone surrogate in a key', tampered((d) => (d['\ud800'] = 1))],
  ];
  return cases.map(([name, json]) => ({ kind: 'hostile', name, hash: pack(json) }));
}

/** Every knob at the end of its range, in seeded combinations: valid, however heavy. */
function extremeValidLinks(random: Random, count: number): FuzzLink[] {
  const pick = <T>(values: T[]) => values[random.int(values.length)];
  return Array.from({ length: count }, (_, i) => {
    const json = tampered((d) => {
      d.seed = pick([0, 2 ** 32 - 1]);
      d.data = {
        source: pick(['spirals', 'blobs']),
        classes: pick([2, 10]),
        samples: pick([10, 100_000]),
        noise: pick([0, 5]),
        imbalance: pick([1, 1000]),
      };
      d.preparation.validationFraction = pick([0, 0.9]);
      d.model.hidden = new Array(pick([0, 6])).fill(pick([1, 256]));
      d.optimizer.lr = pick([0, 10]);
      d.training.batchSize = pick([1, 4096]);
      d.training.steps = pick([1, 1_000_000]);
      d.loss.labelSmoothing = pick([0, 1]);
    });
    return { kind: 'extreme-valid', name: `extreme-but-valid ${i}`, hash: pack(json) };
  });
}

/** The extreme link: 10⁵ samples, 6×256 hidden, batch 4096. */
export function extremeLink(): string {
  return pack(
    tampered((d) => {
      d.data = { source: 'spirals', classes: 3, samples: 100_000, noise: 0.1, imbalance: 1 };
      d.model.hidden = [256, 256, 256, 256, 256, 256];
      d.training.batchSize = 4096;
    }),
  );
}

/**
 * 10⁵ samples through 128×128 hidden layers: 1.7·10⁹ multiply-adds a measurement (the page asks
 * first), and a step of 3.3·10⁶ that the CPU backend takes.
 */
export function wideDataLink(): string {
  return pack(
    tampered((d) => {
      d.data = { source: 'spirals', classes: 3, samples: 100_000, noise: 0.1, imbalance: 1 };
      d.model.hidden = [128, 128, 128]; // 3.3·10⁹ multiply-adds per measurement, above the 2·10⁹ that asks first
    }),
  );
}

export function fuzzLinks(random: Random): FuzzLink[] {
  return [
    ...randomLinks(random, 30),
    ...truncatedLinks(random, 30),
    ...hostileLinks(),
    ...extremeValidLinks(random, 25),
    { kind: 'extreme-valid', name: 'the issue-20 link', hash: extremeLink() },
    // Valid, and shown only as text: the page names the file in a notice.
    {
      kind: 'extreme-valid',
      name: 'HTML in a CSV file name',
      hash: pack(tampered((d) => (d.data = { source: 'csv', file: '<img src=x onerror=alert(1)>' }))),
    },
  ];
}
