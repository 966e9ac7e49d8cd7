// Seeded generators of CSV files for the fuzz test: well-formed files in every dialect, and the hostile
// or broken ones a user might upload. Each case says what it expects: a dataset, a named error, or either.
import type { Random } from '../../src/engine/random';

export interface FuzzCase {
  kind: string;
  text: string;
  dropMissing: boolean;
  /** 'load': must give a dataset of `rows` rows and `classes` classes; 'refuse': a named error; 'either'. */
  expect: 'load' | 'refuse' | 'either';
  rows?: number;
  classes?: number;
  /** For 'refuse' cases that know it: the line the error must name. */
  line?: number;
}

export const HOSTILE_LABELS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '<script>alert(1)</script>',
  '"quoted, with comma"',
  '=HYPERLINK("http://x")',
  'ünïcödé',
  '😀🙃',
  '\u202Eevil',
  'a\nb',
  '',
  'NA',
];

interface Dialect {
  delimiter: string;
  decimalComma: boolean;
  newline: string;
  bom: boolean;
  header: boolean;
  trailing: boolean;
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[random.int(items.length)];
}

function randomDialect(random: Random): Dialect {
  const delimiter = pick(random, [',', ';', '\t']);
  return {
    delimiter,
    decimalComma: delimiter !== ',' && random.next() < 0.5,
    newline: pick(random, ['\n', '\r\n']),
    bom: random.next() < 0.3,
    header: random.next() < 0.7,
    trailing: random.next() < 0.3,
  };
}

/** A cell quoted as a CSV writer would: when it holds a delimiter, a quote or a line break. */
function quote(cell: string): string {
  return /[,;\t"\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

function number(random: Random, dialect: Dialect): string {
  const text = (random.normal() * 10).toFixed(random.int(4));
  return dialect.decimalComma ? text.replace('.', ',') : text;
}

/** Rows of `d` numbers and a label (at `labelAt`), written in `dialect`. */
function writeCsv(dialect: Dialect, d: number, labels: string[], random: Random, labelAt: number): string[] {
  const line = (cells: string[]) => cells.map(quote).join(dialect.delimiter) + (dialect.trailing ? dialect.delimiter : '');
  const withLabel = (cells: string[], label: string) => [...cells.slice(0, labelAt), label, ...cells.slice(labelAt)];
  const lines = labels.map((label) =>
    line(
      withLabel(
        Array.from({ length: d }, () => number(random, dialect)),
        label,
      ),
    ),
  );
  if (dialect.header)
    lines.unshift(
      line(
        withLabel(
          Array.from({ length: d }, (_, j) => `feature ${j}`),
          'label',
        ),
      ),
    );
  return lines;
}

function join(dialect: Dialect, lines: string[]): string {
  return (dialect.bom ? '\uFEFF' : '') + lines.join(dialect.newline) + dialect.newline;
}

/** Labels cycling through `classes` names, so every class has rows. */
function cycling(n: number, classes: number, name = (k: number) => `class ${k}`): string[] {
  return Array.from({ length: n }, (_, i) => name(i % classes));
}

export function fuzzCase(random: Random, index: number): FuzzCase {
  const dialect = randomDialect(random);
  const d = 1 + random.int(5);
  const n = 6 + random.int(40);
  const labelAt = random.next() < 0.5 ? 0 : d;
  const kinds = ['well-formed', 'ragged', 'huge cell', 'many classes', 'hostile labels', 'missing values', 'truncated', 'garbage'];
  const kind = kinds[index % kinds.length];
  switch (kind) {
    case 'well-formed': {
      const classes = 2 + random.int(5);
      const text = join(dialect, writeCsv(dialect, d, cycling(n, classes), random, labelAt));
      return { kind, text, dropMissing: false, expect: 'load', rows: n, classes };
    }
    case 'ragged': {
      const lines = writeCsv({ ...dialect, trailing: false }, d, cycling(n, 3), random, labelAt);
      const at = (dialect.header ? 1 : 0) + 1 + random.int(n - 1);
      lines[at] = random.next() < 0.5 ? `${lines[at]}${dialect.delimiter}7` : lines[at].slice(0, lines[at].lastIndexOf(dialect.delimiter));
      return { kind, text: join({ ...dialect, bom: false }, lines), dropMissing: false, expect: 'refuse', line: at + 1 };
    }
    case 'huge cell': {
      const lines = writeCsv({ ...dialect, trailing: false }, d, cycling(n, 3), random, labelAt);
      const at = (dialect.header ? 1 : 0) + 1 + random.int(n - 1);
      const huge = pick(random, ['x', '9', 'é']).repeat(1_000_000 + random.int(8_000_000));
      lines[at] = [huge, ...lines[at].split(dialect.delimiter).slice(1)].join(dialect.delimiter);
      return { kind, text: join(dialect, lines), dropMissing: false, expect: 'either' };
    }
    case 'many classes': {
      const classes = pick(random, [999, 1000, 1001, 1500]);
      const rows = classes + random.int(classes);
      const text = join(
        dialect,
        writeCsv(
          dialect,
          2,
          cycling(rows, classes, (k) => `c${k}`),
          random,
          2,
        ),
      );
      return classes <= 1000
        ? { kind, text, dropMissing: false, expect: 'load', rows, classes }
        : { kind, text, dropMissing: false, expect: 'refuse' };
    }
    case 'hostile labels': {
      const labels = Array.from({ length: n }, () => pick(random, HOSTILE_LABELS));
      return {
        kind,
        text: join(dialect, writeCsv(dialect, d, labels, random, labelAt)),
        dropMissing: random.next() < 0.5,
        expect: 'either',
      };
    }
    case 'missing values': {
      const lines = writeCsv({ ...dialect, trailing: false }, d, cycling(n, 2), random, labelAt);
      const first = dialect.header ? 1 : 0;
      const holes = 1 + random.int(3);
      const damaged = new Set<number>();
      for (let h = 0; h < holes; h++) {
        const at = first + random.int(n);
        const cells = lines[at].split(dialect.delimiter);
        cells[random.int(cells.length)] = pick(random, ['', 'NA', 'N/A', 'NaN', '?', 'null']);
        lines[at] = cells.join(dialect.delimiter);
        damaged.add(at);
      }
      const dropMissing = random.next() < 0.6;
      // Dropped rows may leave one class or too few rows: then a named error is right too.
      return { kind, text: join(dialect, lines), dropMissing, expect: dropMissing ? 'either' : 'refuse' };
    }
    case 'truncated': {
      const text = join(
        dialect,
        writeCsv(
          dialect,
          d,
          cycling(n, 3, (k) => (k === 1 ? '"a, b"' : `k${k}`)),
          random,
          labelAt,
        ),
      );
      return { kind, text: text.slice(0, random.int(text.length)), dropMissing: random.next() < 0.5, expect: 'either' };
    }
    default: {
      const palette = ['a', '1', '2', '.', ',', ';', '\t', '"', '\n', '\r\n', ' ', 'é', '😀', '\uFEFF', '\u0000', '-', 'e', 'NA'];
      const text = Array.from({ length: random.int(400) }, () => pick(random, palette)).join('');
      return { kind: 'garbage', text, dropMissing: random.next() < 0.5, expect: 'either' };
    }
  }
}
