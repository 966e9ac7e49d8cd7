// `npm run test:e2e`: find a browser once, say which, then run `npx playwright test` with any extra
// arguments. The config reads the choice from XENT_CHROMIUM_RESOLVED instead of searching again.
import { spawn } from 'node:child_process';
import { findChromium } from './find-browser.mjs';

let resolved;
try {
  resolved = findChromium();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
console.log(`e2e: using ${resolved.executablePath ?? `channel ${resolved.channel}`} (${resolved.source})`);

const child = spawn('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { ...process.env, XENT_CHROMIUM_RESOLVED: JSON.stringify(resolved) },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  console.error(`e2e: could not start Playwright: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
