// File bytes to CSV text: gunzip when the bytes are gzip, then strict UTF-8. Both steps keep to the
// CSV size limit, so a small .gz that inflates to gigabytes is stopped while it inflates.
import { CsvError } from './csvError';
import { MAX_CSV_CHARACTERS } from './csvLimits';
import { GunzipLimitError, gunzipBytes } from './gunzip';

/** Every gzip stream starts with these two bytes (RFC 1952, ID1 ID2). */
const GZIP_MAGIC = [0x1f, 0x8b];
/** UTF-8 takes at least one byte per character, so more bytes than this is surely too many characters. */
const MAX_CSV_BYTES = MAX_CSV_CHARACTERS;

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

export async function bytesToCsvText(bytes: Uint8Array): Promise<string> {
  if (bytes.length > MAX_CSV_BYTES) throw tooManyBytes();
  const plain = isGzip(bytes) ? await gunzip(bytes) : bytes;
  try {
    // fatal: a Latin-1 file would otherwise load with U+FFFD in its names, which no one would notice.
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    throw new CsvError('the file is not UTF-8 text; save it as "CSV UTF-8"');
  }
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  try {
    return await gunzipBytes(bytes, MAX_CSV_BYTES);
  } catch (error) {
    if (error instanceof GunzipLimitError) throw tooManyBytes();
    throw new CsvError(
      `the file starts like gzip but does not decompress (${(error as Error).message}); compress it again, or upload the plain CSV`,
    );
  }
}

function tooManyBytes(): CsvError {
  return new CsvError(`the file has more than ${MAX_CSV_BYTES} bytes of text, over the limit (10 MB); keep fewer rows or columns`);
}
