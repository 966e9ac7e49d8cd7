// Every way a CSV upload can be refused. Each error names the 1-based line and column an editor would
// show, carries them as fields for the UI, and nothing is returned: the file loads whole or not at all.
import { describe, expect, it } from 'vitest';
import { ArgumentError } from '../../src/core/checks';
import { CsvError, MAX_CSV_CELLS, MAX_CSV_CHARACTERS, parseCsvDataset } from '../../src/engine/data';

const parse = (text: string, labelColumn?: string | number) => parseCsvDataset(text, { name: 'upload.csv', labelColumn });

/** The CsvError `text` throws; fails the test when it loads or throws something else. */
function csvError(text: string): CsvError {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(CsvError);
    return error as CsvError;
  }
  throw new Error('expected a CsvError, but the file loaded');
}

/** The way out every not-a-number message offers. */
const FEATURES_ARE_NUMBERS = 'a feature column holds numbers: choose this column as the label, or remove it';

const header = 'sepal_length,sepal_width,petal_length,petal_width,species';
/** A header and 15 good rows, so the next row is on line 17. */
const iris15 = [header, ...Array.from({ length: 15 }, (_, i) => `5.1,3.5,1.4,0.2,${i % 2 ? 'setosa' : 'virginica'}`)].join('\n');

describe('parseCsvDataset refuses', () => {
  it('an empty file, or one of blank lines', () => {
    for (const text of ['', '\n\n', ' \r\n \n']) {
      const error = csvError(text);
      expect(error.message).toBe('the file is empty; choose a file with a row per sample');
      expect(error.line).toBeUndefined();
    }
  });

  it('a single row', () => {
    expect(csvError('\n1,2,a\n').message).toBe('line 2: the file has a single row; a dataset needs rows of at least two classes: add rows');
  });

  it('a file with one column, which leaves no features', () => {
    expect(csvError('label\na\nb\n').message).toMatch(/^line 1: the file has one column; it needs feature columns and a label column/);
  });

  it('a row with too few columns, naming the first missing one', () => {
    const error = csvError(`${iris15}\n5.1,3.5,1.4,0.2\n`);
    expect(error.message).toBe(
      'line 17, column "species": the row has 4 columns, expected 5 as on line 1, so this one is missing; give every row the same columns',
    );
    expect([error.line, error.column, error.columnName]).toEqual([17, 5, 'species']);
  });

  it('a row with too many columns, naming the first extra one', () => {
    const error = csvError(`${iris15}\n5.1,3.5,1.4,0.2,setosa,7\n`);
    expect(error.message).toBe(
      'line 17, column 6: the row has 6 columns, expected 5 as on line 1, so this one is extra; give every row the same columns',
    );
    expect([error.line, error.column]).toEqual([17, 6]);
  });

  it('a feature that is not a number', () => {
    const error = csvError(`${iris15}\n5.1,3.5,1.4,abc,setosa\n`);
    expect(error.message).toBe(`line 17, column "petal_width": "abc" is not a number; ${FEATURES_ARE_NUMBERS}`);
    expect([error.line, error.column, error.columnName]).toEqual([17, 4, 'petal_width']);
  });

  it('what JS Number() would read but a CSV reader should not: hex, and a decimal comma between commas', () => {
    expect(csvError(`${iris15}\n0x1f,3.5,1.4,0.2,setosa\n`).message).toBe(
      `line 17, column "sepal_length": "0x1f" is not a number; ${FEATURES_ARE_NUMBERS}`,
    );
    // Quoted, '1,5' survives a comma-separated file as one cell; the message says what a decimal comma needs.
    expect(csvError('x,y,kind\n"1,5",2,a\n2,3,b\n').message).toBe(
      `line 2, column "x": "1,5" is not a number (a decimal comma needs ";" or tabs between cells); ${FEATURES_ARE_NUMBERS}`,
    );
  });

  it('a feature that is not finite, in any spelling, or overflows float32, saying what to do', () => {
    for (const cell of ['Infinity', '-inf', 'INF']) {
      expect(csvError(`${iris15}\n5.1,3.5,${cell},0.2,setosa\n`).message).toBe(
        `line 17, column "petal_length": "${cell}" is not a finite number; replace it with a finite one`,
      );
    }
    expect(csvError(`${iris15}\n5.1,3.5,1e39,0.2,setosa\n`).message).toBe(
      'line 17, column "petal_length": "1e39" is outside the float32 range (±3.4e38); rescale the column',
    );
  });

  it('a missing value in a feature or the label, naming the first, counting the rows and the way out', () => {
    for (const cell of ['', 'NA', 'N/A', 'n/a', 'NaN', 'nan', '?', 'null', '#N/A']) {
      const error = csvError(`${iris15}\n5.1,${cell},1.4,0.2,setosa\n5.1,3.5,1.4,0.2,NA\n`);
      const spelled = cell === '' ? 'empty' : `"${cell}"`;
      expect(error.message).toBe(
        `line 17, column "sepal_width": the value is missing (${spelled}); 2 rows have missing values: drop them ("Drop rows with missing values", or dropMissing: true in a config), or fill them in`,
      );
      expect([error.line, error.column, error.columnName]).toEqual([17, 2, 'sepal_width']);
    }
    expect(csvError(`${iris15}\n5.1,3.5,1.4,0.2,  \n`).message).toMatch(
      /^line 17, column "species": the value is missing \(empty\); 1 row has/,
    );
  });

  it('a file whose rows all have missing values, even when asked to drop them', () => {
    const text = 'x,y,kind\n1,NA,a\n?,2,b\n';
    expect(() => parseCsvDataset(text, { name: 'upload.csv', dropMissing: true })).toThrow(
      'line 2, column "y": every row has a missing value (the first is "NA"); fill them in',
    );
  });

  it('more classes than the model has outputs, naming the column and the limit', () => {
    const rows = Array.from({ length: 1001 }, (_, i) => `${i},id${i}`).join('\n');
    const error = csvError(`x,id\n${rows}\n`);
    expect(error.message).toBe(
      'column "id": the labels take 1001 distinct values, over the limit of 1000 classes; choose another label column (this one may be an ID or a measurement)',
    );
    expect(error.column).toBe(2);
  });

  it('more feature columns than the model has inputs', () => {
    const row = (i: number) => `${'0,'.repeat(4097)}${i}`;
    expect(csvError(`${row(0)}\n${row(1)}\n`).message).toBe(
      "line 1, column 4098: the file has 4097 feature columns, over the limit of 4096 (the model's inputs); keep fewer columns",
    );
  });

  it('a huge cell or header by its first 40 characters, so a 9 MB cell is not echoed whole', () => {
    const huge = 'x'.repeat(9_000_000);
    const error = csvError(`${iris15}\n5.1,3.5,${huge},0.2,setosa\n`);
    expect(error.message).toBe(`line 17, column "petal_length": "${'x'.repeat(40)}…" is not a number; ${FEATURES_ARE_NUMBERS}`);
    const longName = csvError(`a,${'n'.repeat(100)},kind\n1,zz,a\n2,3,b\n`);
    expect(longName.message).toMatch(/^line 2, column "n{40}…": "zz" is not a number/);
    // Code points, not UTF-16 units: an emoji is kept whole.
    expect(csvError(`${iris15}\n5.1,3.5,${'😀'.repeat(50)},0.2,setosa\n`).message).toContain(`"${'😀'.repeat(40)}…"`);
  });

  it('a label column with one class', () => {
    const error = csvError('x,y,kind\n1,2,cat\n3,4,cat\n');
    expect(error.message).toBe(
      'column "kind": every row has the label "cat"; training needs at least two classes: choose another label column',
    );
    expect([error.line, error.column]).toEqual([undefined, 3]);
  });

  it('a quoted field that is never closed', () => {
    const error = csvError('x,y\n1,a\n2,"b\n3,c\n');
    expect(error.message).toBe(
      'line 3, column 2: a quoted field is never closed; close it with a double quote, or remove the quote that opens it',
    );
  });

  it('the whole file when only its last row is bad, returning nothing half-loaded', () => {
    expect(() => parse(`${iris15}\n5.1,3.5,1.4,0.2,setosa\n5.1,3.5,1.4,x,setosa`)).toThrow(/^line 18, column "petal_width"/);
  });
});

describe('parseCsvDataset size limits', () => {
  const small = 'x,y\n0,a\n0,b';

  it('takes up to 10 MB of text and refuses one character more, before parsing', () => {
    // Trailing spaces pad the last cell cheaply; the cell is trimmed back to 'b'.
    const atLimit = small + ' '.repeat(MAX_CSV_CHARACTERS - small.length);
    expect(parse(atLimit).n).toBe(2);
    expect(csvError(`${atLimit} `).message).toBe(
      'the file has 10485761 characters, over the limit of 10485760 (10 MB); keep fewer rows or columns',
    );
  });

  it('takes 1e6 cells below the header and refuses more, naming the line that crosses the limit', () => {
    // 1000 rows × 1000 columns (999 features and a label alternating 0/1) is exactly the limit.
    const row = (width: number, i: number) => `${'0,'.repeat(width - 1)}${i % 2}`;
    const rows = (count: number, width: number) => Array.from({ length: count }, (_, i) => row(width, i)).join('\n');
    const names = Array.from({ length: 1000 }, (_, j) => `f${j}`).join(',');
    expect(parse(`${names}\n${rows(1000, 1000)}`).n).toBe(1000);
    expect(MAX_CSV_CELLS).toBe(1000 * 1000);
    // 1000 rows × 1001 columns, no header: found once the header question is settled.
    expect(csvError(rows(1000, 1001)).message).toBe(
      'line 1000: the file holds more than 1000000 cells (rows × columns below the header), the limit; keep fewer rows or columns',
    );
    // Far past the limit, the reader stops early, at the first row over it.
    expect(csvError(rows(3000, 1001)).line).toBe(1000);
  });
});

describe('parseCsvDataset options', () => {
  const text = 'x,y,kind\n1,2,a\n3,4,b\n';

  it('refuses a label column name that does not exist, listing the columns', () => {
    expect(() => parse(text, 'species')).toThrow(ArgumentError);
    expect(() => parse(text, 'species')).toThrow('labelColumn: no column is named "species"; the columns are "x", "y", "kind"');
  });

  it('lists at most 20 columns of a wide file', () => {
    const wide = `${Array.from({ length: 30 }, (_, j) => `c${j}`).join(',')}\n${'1,'.repeat(29)}a\n${'1,'.repeat(29)}b\n`;
    expect(() => parse(wide, 'label')).toThrow(/"c18", "c19", … and 10 more$/);
  });

  it('refuses a label column index outside the file', () => {
    expect(() => parse(text, 3)).toThrow(
      'labelColumn: must be an integer in [0, 2] (a 0-based index; the columns are "x", "y", "kind"), got 3',
    );
    expect(() => parse(text, 1.5)).toThrow(/^labelColumn: must be an integer in \[0, 2\].*got 1.5$/);
  });

  it('refuses a name that two columns share', () => {
    expect(() => parse('a,b,a\n1,2,x\n3,4,y\n', 'a')).toThrow('labelColumn: "a" names the columns at indices 0 and 2; pass one index');
  });

  it('refuses an empty dataset name', () => {
    expect(() => parseCsvDataset(text, { name: '' })).toThrow('name: must be a non-empty string');
  });
});
