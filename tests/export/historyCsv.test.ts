// The loss history as CSV: the columns a user expects, numbers that read back exactly, gaps left
// empty, and names that no reader has to unquote.
import { describe, expect, it } from 'vitest';
import {
  type ContrastiveHistoryPoint,
  contrastiveHistoryCsv,
  csvTable,
  type HistoryPoint,
  historyCsv,
} from '../../src/engine/export/historyCsv';
import { seededRandom } from '../../src/engine/random';
import { runPythonIn } from './runPython';

const point = (step: number, changes: Partial<HistoryPoint> = {}): HistoryPoint => ({
  step,
  epoch: 1,
  batchLoss: 1.25,
  trainLoss: 1.5,
  trainLossWeighted: 1.75,
  validationLoss: 2,
  validationLossWeighted: 2.25,
  trainAccuracy: 0.5,
  validationAccuracy: 0.375,
  ...changes,
});

/** Reads a CSV the way a spreadsheet does: cells split on commas, empty cells as NaN. */
function parse(csv: string): { header: string[]; rows: number[][] } {
  const [header, ...lines] = csv.trimEnd().split('\n');
  const value = (text: string) => (text === '' ? Number.NaN : text === 'inf' ? Infinity : text === '-inf' ? -Infinity : Number(text));
  return { header: header.split(','), rows: lines.map((line) => line.split(',').map(value)) };
}

describe('historyCsv', () => {
  it('writes a header and one row per evaluation, LF-terminated', () => {
    expect(historyCsv([point(100), point(200, { epoch: 2 })])).toBe(
      'step,epoch,batch_loss,train_loss,train_loss_weighted,validation_loss,validation_loss_weighted,train_accuracy,validation_accuracy\n' +
        '100,1,1.25,1.5,1.75,2,2.25,0.5,0.375\n' +
        '200,2,1.25,1.5,1.75,2,2.25,0.5,0.375\n',
    );
  });

  it('writes the header alone for an empty history', () => {
    expect(historyCsv([])).toBe(
      'step,epoch,batch_loss,train_loss,train_loss_weighted,validation_loss,validation_loss_weighted,train_accuracy,validation_accuracy\n',
    );
  });

  it('writes numbers that read back as the same doubles, whatever their size', () => {
    const random = seededRandom(7);
    const values = Array.from({ length: 300 }, (_, i) => (random.next() - 0.5) * 10 ** ((i % 60) - 30));
    values.push(0.1 + 0.2, 5e-324, Number.MAX_VALUE, -1e-7, 1e21);
    const points = Array.from({ length: values.length / 5 }, (_, i) =>
      point(i, {
        batchLoss: values[5 * i],
        trainLoss: values[5 * i + 1],
        validationLoss: values[5 * i + 2],
        trainAccuracy: values[5 * i + 3],
        validationAccuracy: values[5 * i + 4],
      }),
    );
    const { rows } = parse(historyCsv(points));
    rows.forEach((row, i) => {
      expect([row[2], row[3], row[5], row[7], row[8]]).toEqual(values.slice(5 * i, 5 * i + 5));
    });
  });

  it('leaves a value that was not measured (NaN) empty, and writes a diverged loss as inf', () => {
    const csv = historyCsv([point(300, { batchLoss: Infinity, trainLoss: Number.NaN, validationLoss: -Infinity })]);
    expect(csv.split('\n')[1]).toBe('300,1,inf,,1.75,-inf,2.25,0.5,0.375');
    const [row] = parse(csv).rows;
    expect(row[2]).toBe(Infinity);
    expect(row[3]).toBeNaN();
  });
});

describe('historyCsv, read by Python', () => {
  it("reads back through Python's csv module and float(): empty is a gap, inf a diverged loss", () => {
    const csv = historyCsv([point(100, { batchLoss: 0.1 + 0.2 }), point(200, { trainLoss: Number.NaN, batchLoss: Infinity })]);
    const read = `import csv, json, sys
rows = list(csv.DictReader(sys.stdin))
print(json.dumps([{k: (repr(float(v)) if v else None) for k, v in row.items()} for row in rows]))`;
    const rows = JSON.parse(runPythonIn(process.cwd(), 'python3', ['-I', '-c', read], csv));
    expect(rows[0].batch_loss).toBe('0.30000000000000004'); // the same double, to the last bit
    expect(rows[1]).toMatchObject({ step: '200.0', batch_loss: 'inf', train_loss: null, validation_accuracy: '0.375' });
  });
});

describe('contrastiveHistoryCsv', () => {
  it('writes the contrastive columns', () => {
    const points: ContrastiveHistoryPoint[] = [{ step: 50, trainLoss: 4.5, validationLoss: 4.75, alignment: 0.25, uniformity: -1.5 }];
    expect(contrastiveHistoryCsv(points)).toBe('step,train_loss,validation_loss,alignment,uniformity\n50,4.5,4.75,0.25,-1.5\n');
  });
});

describe('csvTable', () => {
  it('refuses a column name a reader would have to quote, naming it', () => {
    expect(() => csvTable(['step', 'loss, mean'], [])).toThrow(
      /^columns\[1\]: must be a snake_case name \(a-z, 0-9, _\), got "loss, mean"$/,
    );
    expect(() => csvTable(['Step'], [])).toThrow(/^columns\[0\]: must be a snake_case name/);
    expect(() => csvTable(['a"b'], [])).toThrow(/^columns\[0\]/);
  });

  it('refuses a row with too few or too many values', () => {
    expect(() => csvTable(['step', 'loss'], [[1, 2], [3]])).toThrow(/^rows\[1\]: must have 2 values \(one per column\), got 1$/);
  });
});
