// Reading a well-formed CSV upload: header detection, the label column, label encoding and the
// small tolerances (blank lines, whitespace, BOM, quotes, CRLF, tabs) that spreadsheets produce.
import { describe, expect, it } from 'vitest';
import { parseCsvDataset } from '../../src/engine/data';

const parse = (text: string, options: { labelColumn?: string | number; header?: boolean | 'auto' } = {}) =>
  parseCsvDataset(text, { name: 'upload.csv', ...options });

describe('parseCsvDataset: header detection', () => {
  it('takes a first row of names above numbers as the header', () => {
    const data = parse('height,weight,kind\n1.5,60,a\n1.75,80,b\n');
    expect(data.featureNames).toEqual(['height', 'weight']);
    expect(data.n).toBe(2);
    expect(Array.from(data.features)).toEqual([1.5, 60, 1.75, 80]);
  });

  it('reads a file of numbers from its first row, naming the columns column_1…', () => {
    const data = parse('1,2,0\n3,4,1\n5,6,1\n');
    expect(data.featureNames).toEqual(['column_1', 'column_2']);
    expect(data.n).toBe(3);
    expect(Array.from(data.labels)).toEqual([0, 1, 1]);
  });

  it('does not mistake a first row of string labels for a header', () => {
    const data = parse('1,2,cat\n3,4,dog\n');
    expect(data.n).toBe(2);
    expect(data.classNames).toEqual(['cat', 'dog']);
  });

  it('sees a header whose only text is the name of a numeric label column, as spectra have', () => {
    const data = parse('400,500,label\n3,4,0\n5,6,1\n');
    expect(data.featureNames).toEqual(['400', '500']);
    expect(data.n).toBe(2);
  });

  it('can be told there is or is not a header', () => {
    // Wavelengths over string labels: no column has text above a number, so 'auto' sees data.
    expect(parse('400,500,kind\n1,2,x\n3,4,y\n').n).toBe(3);
    expect(parse('400,500,kind\n1,2,x\n3,4,y\n', { header: true }).featureNames).toEqual(['400', '500']);
    expect(parse('7,8,x\n1,2,x\n3,4,y\n', { header: false }).n).toBe(3);
  });

  it('names a blank header cell after its position', () => {
    expect(parse('a,,label\n1,2,x\n3,4,y\n').featureNames).toEqual(['a', 'column_2']);
  });
});

describe('parseCsvDataset: the label column', () => {
  const text = 'species,petal,sepal\nsetosa,1.4,5.1\nvirginica,5.1,5.9\n';

  it('is the last column by default', () => {
    expect(parse('x,y\n1,5\n2,6\n').featureNames).toEqual(['x']);
  });

  it('can be chosen by header name', () => {
    const data = parse(text, { labelColumn: 'species' });
    expect(data.featureNames).toEqual(['petal', 'sepal']);
    expect(Array.from(data.features)).toEqual([1.4, 5.1, 5.1, 5.9].map(Math.fround));
    expect(data.classNames).toEqual(['setosa', 'virginica']);
  });

  it('can be chosen by 0-based index, the remaining columns keeping file order', () => {
    const data = parse('1,9,2\n3,8,4\n', { labelColumn: 1 });
    expect(data.featureNames).toEqual(['column_1', 'column_3']);
    expect(Array.from(data.features)).toEqual([1, 2, 3, 4]);
    expect(data.classNames).toEqual(['8', '9']);
  });

  it('can be chosen by column_<n> in a file without a header', () => {
    expect(parse('1,9,2\n3,8,4\n', { labelColumn: 'column_1' }).featureNames).toEqual(['column_2', 'column_3']);
  });
});

describe('parseCsvDataset: label encoding', () => {
  it('encodes string labels alphabetically and keeps the mapping with counts', () => {
    const data = parse('x,animal\n1,dog\n2,cat\n3,dog\n4,emu\n5,dog\n');
    expect(data.labelMapping).toEqual([
      { name: 'cat', index: 0, count: 1 },
      { name: 'dog', index: 1, count: 3 },
      { name: 'emu', index: 2, count: 1 },
    ]);
    expect(Array.from(data.labels)).toEqual([1, 0, 1, 2, 1]);
    expect(data.classes).toBe(3);
    expect(data.classNames).toEqual(['cat', 'dog', 'emu']);
  });

  it('gives the same mapping whatever the row order', () => {
    const forward = parse('x,y\n1,b\n2,a\n3,c\n');
    const backward = parse('x,y\n3,c\n2,a\n1,b\n');
    expect(backward.labelMapping).toEqual(forward.labelMapping);
  });

  it('orders numeric labels by value, so digit 3 is class 3 and 10 follows 9', () => {
    const rows = [3, 10, 0, 9, 1, 2].map((y) => `0,${y}`).join('\n');
    const data = parse(`x,digit\n${rows}\n`);
    expect(data.classNames).toEqual(['0', '1', '2', '3', '9', '10']);
    expect(Array.from(data.labels)).toEqual([3, 5, 0, 4, 1, 2]);
  });

  it('orders negative and fractional numeric labels by value, where text order would not', () => {
    // Compared as text, even with digit runs read as numbers, '0.5' < '0.25' and '-1' < '-2'.
    expect(parse('x,y\n0,0.5\n0,-1\n0,0.25\n0,-2\n').classNames).toEqual(['-2', '-1', '0.25', '0.5']);
  });

  it('counts 1 and 1.0 as one numeric class', () => {
    expect(parse('x,y\n0,1\n0,1.0\n0,2\n').labelMapping).toEqual([
      { name: '1', index: 0, count: 2 },
      { name: '2', index: 1, count: 1 },
    ]);
  });

  it('compares digit runs inside text labels as numbers', () => {
    expect(parse('x,y\n0,class10\n0,class2\n0,class1\n').classNames).toEqual(['class1', 'class2', 'class10']);
  });
});

describe('parseCsvDataset: what spreadsheets write', () => {
  it('skips blank lines anywhere, and trailing ones, without losing line numbers', () => {
    const data = parse('x,y\n\n1,a\n   \n2,b\n\n\n\n');
    expect(data.n).toBe(2);
    expect(() => parse('x,y\n\n1,a\n\n2,b,extra\n\n')).toThrow(/^line 5, column 3: the row has 3 columns, expected 2 as on line 1/);
  });

  it('trims cells, drops a byte-order mark and reads CRLF', () => {
    const data = parse('\uFEFFx , y\r\n 1.5 , cat \r\n2,dog\r\n');
    expect(data.featureNames).toEqual(['x']);
    expect(Array.from(data.features)).toEqual([1.5, 2]);
    expect(data.classNames).toEqual(['cat', 'dog']);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, counting their lines', () => {
    const data = parse('x,"name, full"\n1,"say ""hi"""\n2,"two\nlines"\n3,ok\n');
    expect(data.classNames).toEqual(['ok', 'say "hi"', 'two\nlines']);
    expect(() => parse('x,y\n1,"two\nlines"\n2,b\nz,c\n')).toThrow(/^line 5, column "x"/);
  });

  it('reads tab- and semicolon-separated files', () => {
    expect(parse('a\tb\tc\n1\t2\tx\n3\t4\ty\n').featureNames).toEqual(['a', 'b']);
    expect(parse('a;b;c\n1;2;x\n3;4;y\n').featureNames).toEqual(['a', 'b']);
  });

  it('reads exponents and signs, and stores features as float32', () => {
    const data = parse('x,y\n-1.5e3,a\n+.25,b\n3.,a\n0.1,b\n');
    expect(Array.from(data.features)).toEqual([-1500, 0.25, 3, Math.fround(0.1)]);
  });

  it('returns the dataset under the given name', () => {
    expect(parseCsvDataset('x,y\n1,a\n2,b\n', { name: 'mine.csv' }).name).toBe('mine.csv');
  });
});
