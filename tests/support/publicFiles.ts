// Files under public/ as the app fetches them, read from disk for Node tests.
import { readFile } from 'node:fs/promises';

const publicDir = new URL('../../public/', import.meta.url);

export async function readPublicFile(path: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(new URL(path, publicDir)));
}
