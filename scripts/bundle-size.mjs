// Runs after `vite build` (npm run build): prints every JS chunk's raw and gzipped size and fails when
// the JavaScript of the first load, gzipped, is over budget. The first load is what the browser
// fetches before the page can run: the entry chunk and its static imports, followed through Vite's
// manifest (dist/.vite/manifest.json), plus any script dist/index.html names. Lazy chunks are listed
// but not counted. Usage: node scripts/bundle-size.mjs [dist]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// The budget leaves ~10% above the first load measured when it was set (docs/hosting.md, "Bundle
// budget", has the figures). Raise it only with a reason there.
const BUDGET_GZIP_KB = 310;
const KB = 1000; // as Vite prints sizes

const dist = process.argv[2] ?? 'dist';
const manifestPath = join(dist, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(`bundle-size: no ${manifestPath}; build with build.manifest: true (vite.config.ts) first.`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

/** Files of the entry chunks and of everything they import statically, transitively. */
function firstLoadFiles() {
  const files = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  // What index.html loads itself (entry script, modulepreload links), in case the manifest missed any.
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  for (const [, src] of html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="\.?\/?([^"]+\.js)"/g)) files.add(src);
  return files;
}

const firstLoad = firstLoadFiles();
const assets = join(dist, 'assets');
const chunks = readdirSync(assets)
  .filter((name) => name.endsWith('.js'))
  .map((name) => {
    const bytes = readFileSync(join(assets, name));
    const file = `assets/${name}`;
    return { file, raw: bytes.length, gzip: gzipSync(bytes).length, first: firstLoad.has(file) };
  })
  .sort((a, b) => Number(b.first) - Number(a.first) || b.gzip - a.gzip);

const missing = [...firstLoad].filter((file) => !chunks.some((chunk) => chunk.file === file));
if (missing.length > 0) {
  console.error(`bundle-size: the first load names files that are not in ${assets}: ${missing.join(', ')}`);
  process.exit(1);
}

const kb = (bytes) => `${(bytes / KB).toFixed(2)} kB`.padStart(10);
const width = Math.max(...chunks.map((chunk) => chunk.file.length));
console.log(`\nJavaScript in ${dist}/ (gzip: node:zlib, default level)`);
for (const chunk of chunks) {
  console.log(`  ${chunk.file.padEnd(width)} ${kb(chunk.raw)} │ gzip ${kb(chunk.gzip)}  ${chunk.first ? 'first load' : 'lazy'}`);
}
const counted = chunks.filter((chunk) => chunk.first);
const raw = counted.reduce((sum, chunk) => sum + chunk.raw, 0);
const gzip = counted.reduce((sum, chunk) => sum + chunk.gzip, 0);
const verdict = gzip <= BUDGET_GZIP_KB * KB ? 'within' : 'OVER';
console.log(
  `First-load JS (${counted.length} files): ${kb(raw).trim()} raw, ${kb(gzip).trim()} gzip; ${verdict} the ${BUDGET_GZIP_KB} kB budget.`,
);
if (verdict === 'OVER') {
  console.error(
    `bundle-size: first-load JS is ${kb(gzip).trim()} gzipped, over the ${BUDGET_GZIP_KB} kB budget. ` +
      'Load rarely used code with import() (React.lazy for views), or raise BUDGET_GZIP_KB in scripts/bundle-size.mjs with a reason in docs/hosting.md.',
  );
  process.exit(1);
}
