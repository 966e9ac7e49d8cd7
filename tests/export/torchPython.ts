// The Python with PyTorch that the export tests run the generated scripts with. Outside CI a machine
// without torch skips those tests; in CI (CI=true) a missing torch is a failure, never a silent skip
// (.ci/run installs Debian's python3-torch), as a missing GPU adapter is.
import { spawnSync } from 'node:child_process';
import { IN_CI } from '../setup/gpu';

/** Debian's python3-torch lives here (the `python3` first on PATH may be another one, without torch). */
export const TORCH_PYTHON = '/usr/bin/python3';

const check = spawnSync(TORCH_PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });

if (check.status !== 0 && IN_CI) {
  const why = (check.stderr || String(check.error ?? '')).trim().split('\n').at(-1);
  throw new Error(`No PyTorch for ${TORCH_PYTHON} in CI (${why}). Install it: sudo apt-get install -y python3-torch (.ci/run does).`);
}

/** Guard for describe.skipIf: true only outside CI on a machine without torch. */
export const TORCH_MISSING = check.status !== 0;
