// File bytes to a dataset: gzip is recognised by its magic bytes and inflated with the platform's
// DecompressionStream, text must be UTF-8, and the 10 MB limit holds for what a .gz inflates to.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CsvError, loadCsvFromBytes, MAX_CSV_CHARACTERS } from '../../src/engine/data';

const csv = 'x,y,kind\n1.5,2,cat\n3,4.25,dog\n5,6,cat\n';
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('loadCsvFromBytes', () => {
  it('loads plain UTF-8 bytes as parseCsvDataset loads the text', async () => {
    const data = await loadCsvFromBytes(utf8(csv), 'plain.csv');
    expect(data.name).toBe('plain.csv');
    expect(Array.from(data.features)).toEqual([1.5, 2, 3, 4.25, 5, 6]);
    expect(data.classNames).toEqual(['cat', 'dog']);
  });

  it('gunzips what Node zlib compressed and gets the same dataset', async () => {
    const gzipped = new Uint8Array(gzipSync(utf8(csv)));
    expect([gzipped[0], gzipped[1]]).toEqual([0x1f, 0x8b]);
    const fromGzip = await loadCsvFromBytes(gzipped, 'packed.csv.gz');
    const fromPlain = await loadCsvFromBytes(utf8(csv), 'packed.csv.gz');
    expect(fromGzip).toEqual(fromPlain);
  });

  it('passes the label column and header options through', async () => {
    const byName = await loadCsvFromBytes(utf8('a,b,c\n1,0,5\n2,1,6\n'), 'numbers.csv', { labelColumn: 'b' });
    expect(byName.featureNames).toEqual(['a', 'c']);
    const forcedHeader = await loadCsvFromBytes(utf8('400,500,kind\n1,2,x\n3,4,y\n'), 'spectra.csv', { header: true });
    expect(forcedHeader.featureNames).toEqual(['400', '500']);
  });

  it('keeps non-ASCII names and labels', async () => {
    const data = await loadCsvFromBytes(utf8('größe,art\n1,café\n2,thé\n'), 'utf8.csv');
    expect(data.featureNames).toEqual(['größe']);
    expect(data.classNames).toEqual(['café', 'thé']);
  });

  it('refuses bytes that are not UTF-8, rather than load U+FFFD into the names', async () => {
    const latin1 = Uint8Array.from([...utf8('x,y\n1,caf'), 0xe9, ...utf8('\n2,b\n')]);
    await expect(loadCsvFromBytes(latin1, 'latin1.csv')).rejects.toThrow(CsvError);
    await expect(loadCsvFromBytes(latin1, 'latin1.csv')).rejects.toThrow('the file is not UTF-8 text; save it as "CSV UTF-8"');
  });

  it('refuses a gzip stream cut short', async () => {
    const cut = new Uint8Array(gzipSync(utf8(csv))).subarray(0, 20);
    await expect(loadCsvFromBytes(cut, 'cut.csv.gz')).rejects.toThrow(/^the file starts like gzip but does not decompress/);
  });

  it('stops a small .gz that inflates past 10 MB', async () => {
    // 11 MiB of zeros compresses to about 11 kB: the limit must apply to the inflated text.
    const bomb = new Uint8Array(gzipSync(Buffer.alloc(11 * 1024 * 1024, '0')));
    expect(bomb.length).toBeLessThan(MAX_CSV_CHARACTERS / 100);
    await expect(loadCsvFromBytes(bomb, 'bomb.csv.gz')).rejects.toThrow(
      `the file has more than ${MAX_CSV_CHARACTERS} bytes of text, over the limit (10 MB); keep fewer rows or columns`,
    );
  });

  it('refuses more than 10 MB of plain bytes before decoding them', async () => {
    const big = new Uint8Array(MAX_CSV_CHARACTERS + 1).fill(0x30);
    await expect(loadCsvFromBytes(big, 'big.csv')).rejects.toThrow(/over the limit \(10 MB\)/);
  });
});
