// Each preset's explanation, asserted on the numbers of a run through the page's engine path
// (TrainingSession, live changes through update). If a preset or its text changes, this must
// change with it. Run times on this machine's CPU backend are noted per test.
import { afterEach, describe, expect, it } from 'vitest';
import { presetById } from '../../src/engine/experiment/presets';
import { type Experiment, parseExperiment } from '../../src/engine/experiment/schema';
import type { TrainingSession } from '../../src/engine/session/trainingSession';
import { at, between, mean, runPreset } from '../support/presetRun';

const open: TrainingSession[] = [];
afterEach(() => {
  for (const session of open.splice(0)) session.destroy();
});
const run = async (...args: Parameters<typeof runPreset>) => {
  const result = await runPreset(...args);
  open.push(result.session);
  return result;
};
const changed = (base: Experiment, change: (e: Experiment) => void): Experiment => {
  const e = structuredClone(base);
  change(e);
  return parseExperiment(e);
};
const argmin = (values: { step: number; value: number }[]) => values.reduce((best, v) => (v.value < best.value ? v : best));

describe('preset claims', () => {
  // ~5 s.
  it('Spiral basics: learns in 300 steps; validation loss is lowest early, then creeps up while accuracy holds', async () => {
    const { points } = await run(presetById('spiral-basics').experiment);
    const first = at(points, 0);
    expect(first.trainLoss).toBeGreaterThan(0.8);
    expect(at(points, 300).trainLoss).toBeLessThan(0.15);
    expect(at(points, 300).validationAccuracy).toBeGreaterThan(0.93);
    const lowest = argmin(points.map((p) => ({ step: p.step, value: p.validationLoss })));
    expect(lowest.step).toBeLessThanOrEqual(500);
    const last = points[points.length - 1];
    expect(last.validationLoss).toBeGreaterThan(1.5 * lowest.value);
    for (const p of between(points, 300, last.step)) expect(p.validationAccuracy).toBeGreaterThan(0.9);
  }, 60_000);

  // ~3 s.
  it('Class-weight pitfall: inverse frequency raises minority recall by > 25 points in 200 steps; wrong weights erase it', async () => {
    const preset = presetById('class-weight-pitfall').experiment;
    const weights = (kind: 'inverse-frequency' | 'wrong') => (e: Experiment) =>
      changed(e, (x) => {
        if (x.loss.mode === 'cross-entropy') x.loss.classWeights = { kind };
      });
    const { points, session } = await run(
      preset,
      [
        { at: 600, change: weights('inverse-frequency') },
        { at: 1000, change: weights('wrong') },
      ],
      1300,
    );
    const minority = session.data.train.classes - 1;
    // Enough rare validation samples that recall moves in steps under 2 points, not 8.
    expect(session.data.validation.labels.filter((y) => y === minority).length).toBeGreaterThanOrEqual(50);
    const recall = (step: number, after = false) => at(points, step, after).validationRecall[minority];
    const unweighted = mean(between(points, 300, 500).map((p) => p.validationRecall[minority]));
    expect(unweighted).toBeLessThan(0.5);
    expect(mean(between(points, 300, 500).map((p) => p.validationAccuracy))).toBeGreaterThan(0.8);
    expect(recall(800)).toBeGreaterThan(recall(600) + 0.25);
    expect(recall(800)).toBeGreaterThan(unweighted + 0.25);
    expect(at(points, 800).validationAccuracy).toBeLessThan(at(points, 600).validationAccuracy);
    // At the switch, on the same parameters: the objective jumps, the plain loss does not move.
    const [before, after] = [at(points, 600), at(points, 600, true)];
    expect(after.trainLoss).toBe(before.trainLoss);
    expect(after.trainLossWeighted).toBeGreaterThan(before.trainLossWeighted + 0.3);
    expect(recall(1300)).toBeLessThan(0.1);
  }, 60_000);

  // ~20 s: two runs.
  it('Label smoothing: on the noisy spiral, lower validation ECE, loss and logit gap than ε = 0, but higher train ECE', async () => {
    const smoothed = presetById('label-smoothing').experiment;
    const without = (e: Experiment) =>
      changed(e, (x) => {
        if (x.loss.mode === 'cross-entropy') x.loss.labelSmoothing = 0;
      });
    const [a, b] = [(await run(smoothed)).points, (await run(without(smoothed))).points];
    const late = (points: typeof a, key: 'validationEce' | 'trainEce') => mean(between(points, 500, 1500).map((p) => p[key]));
    expect(late(a, 'validationEce')).toBeLessThan(late(b, 'validationEce') - 0.02);
    expect(late(a, 'trainEce')).toBeGreaterThan(late(b, 'trainEce') + 0.02);
    expect(at(a, 1500).validationLoss).toBeLessThan(0.8 * at(b, 1500).validationLoss);
    expect(at(a, 1500).meanLogitGap).toBeLessThan(0.7 * at(b, 1500).meanLogitGap);
  }, 60_000);

  // ~10 s: two runs.
  it('Label smoothing, the other side: on the clean spiral (spiral basics) the same ε raises the validation ECE', async () => {
    // The model is already calibrated there: smoothing makes it underconfident.
    const clean = changed(presetById('spiral-basics').experiment, (x) => (x.training.steps = 1000));
    const smoothed = changed(clean, (x) => {
      if (x.loss.mode === 'cross-entropy') x.loss.labelSmoothing = 0.1;
    });
    const [c, d] = [(await run(smoothed)).points, (await run(clean)).points];
    const late = (points: typeof c) => mean(between(points, 300, 1000).map((p) => p.validationEce));
    expect(late(c)).toBeGreaterThan(late(d) + 0.02);
  }, 60_000);

  // ~4 s.
  it('Overfitting: validation loss has its minimum in the first 300 steps and ends > 50% above it; train loss keeps falling', async () => {
    const { points } = await run(presetById('overfitting').experiment);
    const lowest = argmin(points.map((p) => ({ step: p.step, value: p.validationLoss })));
    const last = points[points.length - 1];
    expect(lowest.step).toBeGreaterThan(0);
    expect(lowest.step).toBeLessThanOrEqual(300);
    expect(last.validationLoss).toBeGreaterThan(1.5 * lowest.value);
    expect(last.trainLoss).toBeLessThan(0.5 * at(points, lowest.step).trainLoss);
    const best = Math.max(...points.map((p) => p.validationAccuracy));
    expect(best).toBeGreaterThan(0.75);
    expect(best - last.validationAccuracy).toBeGreaterThan(0.03);
  }, 60_000);

  // ~20 s.
  it('Contrastive temperature: a τ change moves the loss with no step; at τ 0.05 pairs tighten, points spread less, the probe holds', async () => {
    const preset = presetById('contrastive-temperature').experiment;
    const switchAt = 750;
    const lowTau = (e: Experiment) =>
      changed(e, (x) => {
        if (x.loss.mode === 'nt-xent') x.loss.temperature = 0.05;
      });
    const { points, snapshots, session } = await run(preset, [], switchAt);
    const probeBefore = await session.probeAccuracy();
    const statsOf = (from: number, to: number) =>
      snapshots.flatMap((s) => (s.mode === 'nt-xent' && s.step >= from && s.step <= to ? [s.stats] : []));
    const before = statsOf(500, switchAt);
    // The change, measured on the same parameters: the loss at the current τ drops, the loss at the reference τ does not move.
    session.update(lowTau(session.experiment));
    const atSwitch = await session.snapshot();
    if (atSwitch.mode !== 'nt-xent') throw new Error('expected an NT-Xent snapshot');
    const last = at(points, switchAt);
    expect(atSwitch.referenceLoss).toBe(last.referenceLoss);
    expect(Math.abs(atSwitch.trainLoss - last.trainLoss)).toBeGreaterThan(0.05);
    const later: typeof before = [];
    let end = atSwitch;
    for (let step = switchAt + 250; step <= 1500; step += 250) {
      session.advance(250);
      const s = await session.snapshot();
      if (s.mode === 'nt-xent') [end] = [s, later.push(s.stats)];
    }
    // Training at τ = 0.05: its own loss falls far (≈ 2.8 → 2.0), while the loss at the fixed τ = 0.5 rises (≈ 2.8 → 3.1).
    expect(end.trainLoss).toBeLessThan(last.trainLoss - 0.5);
    expect(end.referenceLoss).toBeGreaterThan(last.referenceLoss + 0.15);
    const probeAfter = await session.probeAccuracy();
    const avg = (stats: typeof before, key: keyof (typeof before)[number]) => mean(stats.map((s) => s[key]));
    expect(avg(before, 'uniformity')).toBeLessThan(-2.1);
    expect(avg(later, 'uniformity')).toBeGreaterThan(avg(before, 'uniformity') + 0.4);
    expect(avg(later, 'alignment')).toBeLessThan(avg(before, 'alignment') - 0.1);
    expect(avg(later, 'negativeSimilarity')).toBeGreaterThan(avg(before, 'negativeSimilarity') + 0.1);
    // 160 validation points: one point is 0.6%; "about 92%" allows ±4 points.
    for (const probe of [probeBefore, probeAfter]) expect(Math.abs(probe - 0.92)).toBeLessThan(0.04);
    expect(Math.abs(probeAfter - probeBefore)).toBeLessThan(0.03);
  }, 90_000);

  // ~5 s.
  it('Real digits: about 96% validation accuracy within a few hundred steps; train loss near 0, validation loss near 0.2', async () => {
    const preset = changed(presetById('real-digits').experiment, (x) => (x.training.steps = 1000));
    const { points } = await run(preset);
    for (const p of between(points, 300, 1000)) expect(Math.abs(p.validationAccuracy - 0.96)).toBeLessThan(0.015);
    const last = points[points.length - 1];
    expect(last.trainLoss).toBeLessThan(0.01);
    expect(Math.abs(last.validationLoss - 0.2)).toBeLessThan(0.08);
  }, 60_000);
});
