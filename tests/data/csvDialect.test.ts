// What spreadsheets outside the English-speaking world write, and what a new user's file looks like:
// ';' between cells with decimal commas, a delimiter ending every line, the label in the first column,
// missing values to drop, and the preview the upload panel shows before loading.
import { describe, expect, it } from 'vitest';
import { parseCsvDataset, previewCsv } from '../../src/engine/data';
import { detectDialect } from '../../src/engine/data/csvDialect';

const parse = (text: string, options: { labelColumn?: string | number; dropMissing?: boolean } = {}) =>
  parseCsvDataset(text, { name: 'upload.csv', ...options });

/** Iris as a German Excel saves it: species first, ';' between cells, decimal commas. */
const IRIS_DE = 'Art;Kelchblatt;Kronblatt\nsetosa;5,1;1,4\nversicolor;7,0;4,7\nvirginica;6,3;6,0\nsetosa;4,9;1,4\n';

describe('detectDialect', () => {
  it('finds ; with decimal commas, with and without a header', () => {
    expect(detectDialect(IRIS_DE)).toEqual({ delimiter: ';', decimalComma: true });
    // Without a header, ',' and ';' split each row into as many cells; the clean cells decide.
    expect(detectDialect('5,1;3,5;setosa\n4,9;3,0;virginica\n')).toEqual({ delimiter: ';', decimalComma: true });
  });

  it('keeps the comma for comma files, even with ; inside quotes', () => {
    expect(detectDialect('x,y,kind\n1.5,2,"a;b"\n2,3,c\n')).toEqual({ delimiter: ',', decimalComma: false });
    expect(detectDialect('x,y\n1,a\n')).toEqual({ delimiter: ',', decimalComma: false });
  });

  it('finds tabs, and ; with decimal points', () => {
    expect(detectDialect('a\tb\tc\n1,5\t2\tx\n')).toEqual({ delimiter: '\t', decimalComma: true });
    expect(detectDialect('a;b;c\n1.5;2;x\n')).toEqual({ delimiter: ';', decimalComma: false });
  });
});

describe('parseCsvDataset: dialects and layouts', () => {
  it('reads ; with decimal commas and finds the text label in the first column', () => {
    const data = parse(IRIS_DE);
    expect(data.labelColumnIndex).toBe(0);
    expect(data.featureNames).toEqual(['Kelchblatt', 'Kronblatt']);
    expect(Array.from(data.features)).toEqual([5.1, 1.4, 7, 4.7, 6.3, 6, 4.9, 1.4].map(Math.fround));
    expect(data.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it('keeps the last column as the label where no column holds text', () => {
    expect(parse('a,b,c\n1,2,0\n3,4,1\n').labelColumnIndex).toBe(2);
  });

  it('drops the empty column a delimiter at the end of every line makes', () => {
    for (const text of ['x,y,kind,\n1,2,a,\n3,4,b,\n', 'x,y,kind\n1,2,a,\n3,4,b,\n', 'x;y;kind;\n1,5;2;a;\n3;4;b;\n']) {
      const data = parse(text);
      expect(data.columns).toEqual(['x', 'y', 'kind']);
      expect(data.classNames).toEqual(['a', 'b']);
    }
  });

  it('keeps an empty last column that has a header name: those are missing labels', () => {
    expect(() => parse('x,y,kind\n1,2,\n3,4,\n')).toThrow(/^line 2, column "kind": the value is missing \(empty\)/);
  });

  it('drops rows with missing values when asked, and counts them', () => {
    const data = parse('x,y,kind\n1,2,a\nNA,3,b\n4,?,a\n5,6,\n7,8,b\n', { dropMissing: true });
    expect(data.n).toBe(2);
    expect(data.droppedRows).toBe(3);
    expect(Array.from(data.features)).toEqual([1, 2, 7, 8]);
    expect(parse('x,y\n1,a\n2,b\n').droppedRows).toBe(0);
  });

  it('takes hostile labels as plain class names', () => {
    const data = parse('x,label\n1,__proto__\n2,constructor\n3,<script>alert(1)</script>\n4,"a ""quote"""\n5,ünïcödé 😀\n');
    expect(data.classNames).toEqual(['__proto__', '<script>alert(1)</script>', 'a "quote"', 'constructor', 'ünïcödé 😀']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('previewCsv', () => {
  it('shows the columns, the dialect, the first rows and the suggested label column', () => {
    const preview = previewCsv(`\uFEFF${IRIS_DE.replaceAll('\n', '\r\n')}`);
    expect(preview).toEqual({
      columns: ['Art', 'Kelchblatt', 'Kronblatt'],
      hasHeader: true,
      delimiter: ';',
      decimalComma: true,
      trailingDelimiter: false,
      rows: 4,
      sample: [
        ['setosa', '5,1', '1,4'],
        ['versicolor', '7,0', '4,7'],
        ['virginica', '6,3', '6,0'],
        ['setosa', '4,9', '1,4'],
      ],
      textColumns: [0],
      labelColumn: 0,
      missingRows: 0,
    });
  });

  it('counts the rows with missing values, shows 5 rows, and shortens huge cells', () => {
    const rows = Array.from({ length: 8 }, (_, i) => `${i % 3 ? i : 'NA'},${i},${i % 2 ? 'a' : 'b'}`);
    const preview = previewCsv(`x,${'y'.repeat(100)},kind,\n${rows.map((r) => `${r},`).join('\n')}\n`);
    expect(preview.missingRows).toBe(3);
    expect(preview.sample).toHaveLength(5);
    expect(preview.trailingDelimiter).toBe(true);
    expect(preview.columns[1]).toBe(`${'y'.repeat(40)}…`);
    expect(preview.labelColumn).toBe(2);
  });
});
