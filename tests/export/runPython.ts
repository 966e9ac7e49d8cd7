// Runs Python for the export tests: plain python3 (the PRNG port) everywhere; torchPython.ts says
// which Python has torch.
import { spawnSync } from 'node:child_process';

/** stdout of `python args` run in `cwd`, `input` on stdin; throws with stderr when it fails. */
export function runPythonIn(cwd: string, python: string, args: string[], input = ''): string {
  const result = spawnSync(python, args, { input, cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`${python} exited with ${result.status}:\n${result.stderr}`);
  return result.stdout;
}
