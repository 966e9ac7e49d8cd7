// A seeded fuzz pass over the CSV reader: 48 generated files (every dialect, ragged rows, cells of up to
// 9 MB, 999–1,500 classes, hostile labels, missing values, truncated files, garbage). Each either loads as
// a consistent dataset or is refused with a named error (CsvError or ArgumentError) that says where,
// in a message short enough to read; never a TypeError, a crash or a hang. The previewer sees the same.
import { describe, expect, it } from 'vitest';
import { ArgumentError } from '../../src/core/checks';
import { type CsvDataset, CsvError, parseCsvDataset, previewCsv } from '../../src/engine/data';
import { seededRandom } from '../../src/engine/random';
import { type FuzzCase, fuzzCase } from '../support/csvFuzz';

const CASES = 48;
const SEED = 20;
/** The longest message: a located problem and its way out, with cells cut to 40 characters. */
const MAX_MESSAGE = 400;
/** Whole-file refusals, which have no line or column to name. */
const WHOLE_FILE = /^the file (is empty|has \d+ characters|is not UTF-8|holds more than)/;

type Outcome = { dataset: CsvDataset } | { error: unknown };

function attempt(fuzz: FuzzCase): Outcome {
  try {
    return { dataset: parseCsvDataset(fuzz.text, { name: `fuzz-${fuzz.kind}.csv`, dropMissing: fuzz.dropMissing }) };
  } catch (error) {
    return { error };
  }
}

function expectNamedError(error: unknown, fuzz: FuzzCase): void {
  const named = error instanceof CsvError || error instanceof ArgumentError;
  expect(named, `${fuzz.kind}: ${String(error)}`).toBe(true);
  const { message } = error as Error;
  expect(message.length).toBeGreaterThan(0);
  expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE);
  if (error instanceof CsvError && !WHOLE_FILE.test(message)) {
    expect(error.line !== undefined || error.column !== undefined, message).toBe(true);
  }
  if (fuzz.line !== undefined) expect((error as CsvError).line).toBe(fuzz.line);
}

function expectConsistent(data: CsvDataset, fuzz: FuzzCase): void {
  expect(data.n).toBeGreaterThanOrEqual(2);
  expect(data.classes).toBeGreaterThanOrEqual(2);
  expect(data.classes).toBeLessThanOrEqual(1000);
  expect(data.features).toHaveLength(data.n * data.d);
  expect(data.features.every(Number.isFinite)).toBe(true);
  expect(data.labels.every((y) => y >= 0 && y < data.classes)).toBe(true);
  expect(data.classNames).toHaveLength(data.classes);
  if (fuzz.rows !== undefined) expect(data.n).toBe(fuzz.rows);
  if (fuzz.classes !== undefined) expect(data.classes).toBe(fuzz.classes);
}

describe('CSV fuzz', () => {
  const random = seededRandom(SEED);
  const cases = Array.from({ length: CASES }, (_, i) => fuzzCase(random, i));

  it('covers every kind of file', () => {
    expect(new Set(cases.map((c) => c.kind)).size).toBe(8);
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  // The timeout only guards against a hang; nothing here asserts a duration.
  it.each(cases.map((fuzz, i) => [i, fuzz.kind, fuzz] as const))(
    'case %i (%s) gives a dataset or a named error',
    (_, __, fuzz) => {
      const outcome = attempt(fuzz);
      if ('dataset' in outcome) {
        expect(fuzz.expect, `${fuzz.kind} loaded but should be refused`).not.toBe('refuse');
        expectConsistent(outcome.dataset, fuzz);
      } else {
        expect(fuzz.expect, `${fuzz.kind} refused: ${String(outcome.error).slice(0, 300)}`).not.toBe('load');
        expectNamedError(outcome.error, fuzz);
      }
      try {
        const preview = previewCsv(fuzz.text);
        expect(preview.sample.flat().every((cell) => cell.length <= 2 * 41)).toBe(true);
      } catch (error) {
        expectNamedError(error, { ...fuzz, line: undefined });
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('0');
    },
    30_000,
  );
});
