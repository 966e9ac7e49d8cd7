// `npm run train`: the built headless runner, as a user runs it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT } from '../../src/engine/experiment/defaults';
import { WEBGPU_MISSING } from '../support/backends';

const run = (...args: string[]) => spawnSync(process.execPath, ['dist-cli/train.js', ...args], { encoding: 'utf8', timeout: 120_000 });

describe('the headless runner', () => {
  beforeAll(() => {
    const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'cli/vite.config.ts'], {
      encoding: 'utf8',
    });
    expect(build.status, build.stderr).toBe(0);
  });

  it('runs the default experiment and prints the final metrics as its last line with --json', () => {
    const result = run('--backend', 'cpu', '--steps', '50', '--json');
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('xent-lab: spirals, 50 steps on CPU (float64 reference)');
    const summary = JSON.parse(lines.at(-1) as string);
    expect(summary.steps).toBe(50);
    expect(summary.diverged).toBeNull();
    expect(summary.validation.accuracy).toBeGreaterThan(0.5);
  });

  it('prints plain progress lines when stdout is not a terminal', () => {
    const result = run('--backend', 'cpu', '--steps', '200');
    expect(result.stdout).toMatch(/^step 100 \| epoch \d+ \| batch loss \d/m);
    expect(result.stdout).toMatch(/^final: train accuracy [\d.]+%, validation accuracy [\d.]+%/m);
  });

  it('runs a contrastive experiment and reports the linear probe', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xent-'));
    const path = join(dir, 'contrastive.json');
    const loss = {
      mode: 'nt-xent',
      temperature: 0.5,
      projection: 8,
      augmentation: { kind: 'points', rotation: 0.3, scale: 0.1, jitter: 0.05 },
    };
    writeFileSync(path, JSON.stringify({ ...DEFAULT_EXPERIMENT, loss, training: { batchSize: 64, steps: 100, evalEvery: 100 } }));
    const result = run('--config', path, '--backend', 'cpu', '--json');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^final: NT-Xent loss [\d.]+, linear-probe validation accuracy [\d.]+%, alignment/m);
    const summary = JSON.parse(result.stdout.trim().split('\n').at(-1) as string);
    expect(summary.probeAccuracy).toBeGreaterThan(0.5); // 3 spiral arms: chance is 1/3
    expect(summary.stats.uniformity).toBeLessThan(0);
  });

  it('exits 2 naming every bad field of an invalid config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xent-'));
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ ...DEFAULT_EXPERIMENT, seed: -1, training: { ...DEFAULT_EXPERIMENT.training, batchSize: 0 } }));
    const result = run('--config', path, '--backend', 'cpu');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/invalid experiment:\n {2}- seed: .*\n {2}- training\.batchSize: /);
  });

  it('takes any field as --set path=value, validated like a config file', () => {
    const result = run(
      '--backend',
      'cpu',
      '--steps',
      '20',
      '--set',
      'optimizer.lr=0.05',
      '--set',
      'data.source=moons',
      '--set',
      'data.classes=2',
      '--json',
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^xent-lab: moons, 20 steps/);
    const bad = run('--backend', 'cpu', '--set', 'optimizer.lr=fast');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/- optimizer\.lr: /);
    expect(run('--set', 'lr').stderr).toMatch(/^--set lr: expected path=value/);
  });

  it('replays the live changes of a config, and names a bad change by its path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xent-'));
    const config = join(dir, 'changes.json');
    // From step 30, SGD at lr 10 with momentum 0.99 (a new optimizer): the loss overflows (as in run.test.ts).
    const optimizer = { kind: 'sgd', lr: 10, momentum: 0.99, nesterov: false, weightDecay: 0 };
    const experiment = {
      ...DEFAULT_EXPERIMENT,
      model: { hidden: [64, 64, 64], activation: 'gelu', init: 'kaiming' },
      training: { batchSize: 64, steps: 400, evalEvery: 10 },
      changes: [{ step: 30, optimizer }],
    };
    writeFileSync(config, JSON.stringify(experiment));
    const result = run('--config', config, '--backend', 'cpu', '--json');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^xent-lab: spirals, 400 steps \(1 live change, at step 30\)/);
    const summary = JSON.parse(result.stdout.trim().split('\n').at(-1) as string);
    expect(summary.diverged.step).toBeGreaterThan(30);
    expect(summary.diverged.rewoundTo).toBeGreaterThanOrEqual(30); // the Adam steps before the change were fine
    expect(summary.diverged.cause).toMatch(/try a smaller learning rate than 10\)$/);
    writeFileSync(
      config,
      JSON.stringify({
        ...experiment,
        changes: [
          { step: 30, optimizer },
          { step: 30, batchSize: 32 },
        ],
      }),
    );
    const bad = run('--config', config, '--backend', 'cpu');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/changes\.1\.step: must be more than the previous change's step \(30\)/);
  });

  it('trains on a CSV file named relative to the config, and names the line and column of a bad one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xent-'));
    // Two separable classes of string labels: the runner encodes them and learns them.
    const rows = Array.from({ length: 80 }, (_, i) => `${(i % 2) * 4 + (i % 7) / 10},${(i % 5) / 10},${i % 2 ? 'yes' : 'no'}`);
    writeFileSync(join(dir, 'points.csv'), `x,y,answer\n${rows.join('\n')}\n`);
    const data = { source: 'csv', file: 'points.csv', labelColumn: 'answer' };
    const config = join(dir, 'csv.json');
    writeFileSync(config, JSON.stringify({ ...DEFAULT_EXPERIMENT, data, training: { batchSize: 16, steps: 100, evalEvery: 100 } }));
    const result = run('--config', config, '--backend', 'cpu', '--json');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^xent-lab: csv, 100 steps/);
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1) as string).validation.accuracy).toBe(1);

    writeFileSync(join(dir, 'points.csv'), 'x,y,answer\n1,2,yes\n3,oops,no\n');
    const bad = run('--config', config, '--backend', 'cpu');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/line 3, column "y": /);
    writeFileSync(config, JSON.stringify({ ...DEFAULT_EXPERIMENT, data: { ...data, file: 'missing.csv' } }));
    expect(run('--config', config, '--backend', 'cpu').stderr).toMatch(/^data\.file: cannot read .*missing\.csv/);
  });

  it('exits 2 on an unreadable config, an unknown backend or an unknown flag', () => {
    expect(run('--config', '/nonexistent.json').stderr).toMatch(/^--config \/nonexistent.json: ENOENT/);
    expect(run('--backend', 'tpu').status).toBe(2);
    expect(run('--speed', '9').status).toBe(2);
  });

  it('does not blame the learning rate for batches whose rows are all ignored (issue 20, item 3)', () => {
    const sparse = ['--set', 'preparation.unlabelledFraction=0.9', '--set', 'training.batchSize=8', '--set', 'training.evalEvery=1'];
    const result = run('--backend', 'cpu', '--steps', '60', ...sparse);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^step \d+ \| epoch \d+ \| batch loss NaN \(the batch kept no weight: every row ignored\) \|/m);
    expect(result.stdout).not.toMatch(/diverged|learning rate/);
  });

  // Issue 20, item 7: every bad input exits 2 with one message naming the flag or field, never a
  // stack trace (a zod one included), and no --set reaches Object.prototype.
  const configFile = (name: string, text: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'xent-')), name);
    writeFileSync(path, text);
    return path;
  };
  const BAD_PATHS: { name: string; args: () => string[]; stderr: RegExp }[] = [
    {
      name: '--set __proto__.polluted=1',
      args: () => ['--set', '__proto__.polluted=1'],
      stderr: /^--set __proto__\.polluted=1: '__proto__' is not an experiment field/,
    },
    {
      name: '--set constructor.prototype.polluted=1',
      args: () => ['--set', 'constructor.prototype.polluted=1'],
      stderr: /: 'constructor' is not an experiment field/,
    },
    {
      name: '--set training.prototype=1',
      args: () => ['--set', 'training.prototype=1'],
      stderr: /: 'prototype' is not an experiment field/,
    },
    {
      name: '--set optimizer..lr=1 (an empty segment)',
      args: () => ['--set', 'optimizer..lr=1'],
      stderr: /^--set optimizer\.\.lr=1: path segment 2 is empty/,
    },
    { name: '--set =1', args: () => ['--set', '=1'], stderr: /^--set =1: expected path=value/ },
    { name: '--set lr (no value)', args: () => ['--set', 'lr'], stderr: /^--set lr: expected path=value/ },
    {
      name: '--set toString.x=1 (an inherited name)',
      args: () => ['--set', 'toString.x=1'],
      stderr: /- \(root\): Unrecognized key: "toString"/,
    },
    { name: '--set seed.x=1 (through a number)', args: () => ['--set', 'seed.x=1'], stderr: /- seed: / },
    { name: '--set optimizer.lr=NaN', args: () => ['--set', 'optimizer.lr=NaN'], stderr: /- optimizer\.lr: / },
    { name: '--set data.source=nope', args: () => ['--set', 'data.source=nope'], stderr: /- data(\.source)?: / },
    { name: '--set training.batchSize=0', args: () => ['--set', 'training.batchSize=0'], stderr: /- training\.batchSize: / },
    { name: '--steps abc', args: () => ['--steps', 'abc'], stderr: /- training\.steps: / },
    { name: '--steps=-1', args: () => ['--steps=-1'], stderr: /- training\.steps: / },
    { name: '--steps -1 (read as a flag)', args: () => ['--steps', '-1'], stderr: /^Option '--steps' argument is ambiguous/ },
    { name: '--steps 1e12', args: () => ['--steps', '1e12'], stderr: /- training\.steps: / },
    {
      name: 'a null config with --steps 5',
      args: () => ['--config', configFile('null.json', 'null'), '--steps', '5'],
      stderr: /^--config \S+null\.json: must hold a JSON object .*, got null$/m,
    },
    {
      name: 'an array config',
      args: () => ['--config', configFile('array.json', '[1, 2]'), '--steps', '5'],
      stderr: /: must hold a JSON object .*, got an array$/m,
    },
    {
      name: 'a number config',
      args: () => ['--config', configFile('number.json', '42')],
      stderr: /: must hold a JSON object .*, got a number \(42\)$/m,
    },
    {
      name: 'a string config',
      args: () => ['--config', configFile('string.json', '"spirals"')],
      stderr: /: must hold a JSON object .*, got a string \("spirals"\)$/m,
    },
    {
      name: 'a config with a __proto__ field',
      args: () => ['--config', configFile('proto.json', '{"seed": 1, "data": {"__proto__": {"polluted": 1}}}')],
      stderr: /: data\.__proto__: not an experiment field/,
    },
    {
      name: 'a config that is not JSON',
      args: () => ['--config', configFile('broken.json', '{"seed": ')],
      stderr: /^--config \S+broken\.json: .*JSON/,
    },
    { name: 'an empty config file', args: () => ['--config', configFile('empty.json', '')], stderr: /^--config \S+empty\.json: .*JSON/ },
    {
      name: 'a missing config file',
      args: () => ['--config', '/nonexistent/experiment.json'],
      stderr: /^--config \/nonexistent\/experiment\.json: ENOENT/,
    },
    {
      name: 'a config missing fields',
      args: () => ['--config', configFile('partial.json', '{"seed": 1}')],
      stderr: /^invalid experiment:\n {2}- version: /,
    },
    {
      name: 'a CSV file that does not exist',
      args: () => ['--set', 'data={"source":"csv","file":"missing.csv"}'],
      stderr: /^data\.file: cannot read \S+missing\.csv: ENOENT/,
    },
    { name: '--backend tpu', args: () => ['--backend', 'tpu'], stderr: /^--backend: must be 'webgpu' or 'cpu', got 'tpu'/ },
    { name: 'an unknown flag', args: () => ['--speed', '9'], stderr: /Unknown option '--speed'/ },
    { name: 'a positional argument', args: () => ['experiment.json'], stderr: /Unexpected argument 'experiment\.json'/ },
    { name: '--json with a value', args: () => ['--json=yes'], stderr: /--json/ },
    { name: '--set without its value', args: () => ['--set'], stderr: /--set/ },
  ];

  it.each(BAD_PATHS)('exits 2 naming the problem: $name', ({ args, stderr }) => {
    const result = run('--backend', 'cpu', ...args());
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toMatch(stderr);
    expect(result.stderr).not.toMatch(/^\s+at /m); // no stack trace
    expect(result.stderr).not.toMatch(/ZodError|"code":/);
    expect(result.stdout).not.toMatch(/^(step|final)/m); // refused before any training step
  });

  it.skipIf(WEBGPU_MISSING)('runs on WebGPU (Dawn)', () => {
    const result = run('--steps', '20', '--json');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/on WebGPU/);
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1) as string).steps).toBe(20);
  });
});
