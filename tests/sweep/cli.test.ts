// `npm run train -- --sweep …`: the built headless runner trains a sweep and prints its table and JSON.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT } from '../../src/engine/experiment/defaults';
import { parseSweepFlag, sweepFlagOf } from '../../src/engine/sweep/axisText';

const run = (...args: string[]) => spawnSync(process.execPath, ['dist-cli/train.js', ...args], { encoding: 'utf8', timeout: 120_000 });
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1) as string);

describe('--sweep flags', () => {
  it('read a list, a log grid and the weight of one class', () => {
    expect(parseSweepFlag('optimizer.lr=0.001, 0.01,0.1')).toEqual({ setting: 'lr', values: [0.001, 0.01, 0.1] });
    expect(parseSweepFlag('loss.classWeights.custom[2]=log:1:8:4')).toEqual({
      setting: 'classWeight',
      classIndex: 2,
      values: [1, 2, 4, 8],
    });
    expect(parseSweepFlag('optimizer.kind=sgd,adam')).toEqual({ setting: 'optimizer', values: ['sgd', 'adam'] });
    expect(sweepFlagOf(parseSweepFlag('classWeight[1]=1,3'))).toBe('loss.classWeights.custom[1]=1,3');
    expect(() => parseSweepFlag('optimizer.lr=0.1,,1')).toThrow(/--sweep optimizer.lr: must be values separated by commas/);
    expect(() => parseSweepFlag('optimizer.lr=fast')).toThrow(/'fast' is not a number/);
  });
});

describe('the headless runner with a sweep', () => {
  beforeAll(() => {
    const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'cli/vite.config.ts'], {
      encoding: 'utf8',
    });
    expect(build.status, build.stderr).toBe(0);
  });

  it('prints one row per run and the runs as JSON', () => {
    const result = run(
      ...['--backend', 'cpu', '--steps', '100', '--json', '--set', 'data.samples=300', '--set', 'model.hidden=[16]'],
      ...['--sweep', 'optimizer.lr=0.001,0.03', '--sweep', 'optimizer.kind=sgd,adam', '--sweep-metric', 'accuracy'],
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^sweep: 4 runs \(lr × 2, optimizer × 2\), 1 group, run by run$/m);
    expect(result.stdout).toMatch(/^run {2}lr {5}optimizer {2}steps {2}val loss {2}val accuracy {2}val ECE {2}diverged$/m);
    expect(result.stdout).toMatch(/^3 {4}0\.03 {3}adam {7}100 {4}\d\.\d{4} {4}\d\.\d{3}/m);
    const summary = lastJson(result.stdout);
    expect(summary.runs.map((r: { label: string }) => r.label)).toEqual([
      'lr 0.001, optimizer sgd',
      'lr 0.001, optimizer adam',
      'lr 0.03, optimizer sgd',
      'lr 0.03, optimizer adam',
    ]);
    const accuracy = summary.runs.map((r: { metric: number }) => r.metric);
    expect(accuracy.every((a: number) => a > 0 && a <= 1)).toBe(true);
    // Adam at lr 0.03 learns the spiral faster in 100 steps than SGD at lr 0.001.
    expect(accuracy[3]).toBeGreaterThan(accuracy[0]);
  });

  it('reads the sweep from the config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xent-sweep-'));
    const path = join(dir, 'sweep.json');
    const sweep = { axes: [{ setting: 'labelSmoothing', values: [0, 0.2] }], metric: 'ece' };
    writeFileSync(path, JSON.stringify({ ...DEFAULT_EXPERIMENT, training: { batchSize: 32, steps: 60, evalEvery: 30 }, sweep }));
    const result = run('--config', path, '--backend', 'cpu', '--json');
    expect(result.status, result.stderr).toBe(0);
    const summary = lastJson(result.stdout);
    expect(summary.runs).toHaveLength(2);
    expect(summary.runs[1].settings).toEqual({ 'label smoothing': 0.2 });
    expect(summary.runs[1].metric).toBe(summary.runs[1].validation.ece);
  });

  it('exits 2 naming sweep and the limit for a grid over 64 runs, and a setting it cannot sweep', () => {
    const big = run('--backend', 'cpu', '--sweep', 'lr=log:0.001:1:8', '--sweep', 'seed=1,2,3,4,5,6,7,8,9');
    expect(big.status).toBe(2);
    expect(big.stderr).toMatch(/sweep: has 8 × 9 = 72 runs; at most 64 runs in all/);
    const unknown = run('--backend', 'cpu', '--sweep', 'model.hidden=8,16');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^--sweep: cannot sweep 'model.hidden'; sweepable settings: optimizer.lr/);
  });
});
