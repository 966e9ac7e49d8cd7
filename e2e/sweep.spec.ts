// Sweep mode: a 4×4 sweep (learning rate × weight of the minority class) on the imbalanced blobs
// trains, its heatmap fills in while it trains, a clicked cell opens that run in the main view, and
// "Copy link" carries the sweep, then the opened run.
import { expect, type Page, test } from '@playwright/test';
import lz from 'lz-string';
import { presetById } from '../src/engine/experiment/presets';
import { collectErrors } from './support/errors';

/** The experiment in the link "Copy link" shows in its box. */
async function copiedExperiment(page: Page): Promise<{ sweep?: unknown; optimizer: { lr: number } }> {
  await page.getByRole('button', { name: 'Copy link' }).click();
  const url = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  return JSON.parse(lz.decompressFromEncodedURIComponent(url.split('#experiment=')[1]));
}

/** The class-weight pitfall preset (class 2 is 20× rarer than class 0), short enough for 16 runs on SwiftShader. */
function shortBlobsLink(): string {
  const experiment = structuredClone(presetById('class-weight-pitfall').experiment);
  experiment.data = { source: 'blobs', classes: 3, samples: 1000, noise: 1, imbalance: 20 };
  experiment.training = { batchSize: 64, steps: 100, evalEvery: 50 };
  return `/#experiment=${lz.compressToEncodedURIComponent(JSON.stringify(experiment))}`;
}

test('a 4×4 sweep trains, its heatmap updates, and a clicked cell opens that run', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  await page.goto(shortBlobsLink());
  await expect(page.getByLabel('Dataset')).toHaveValue('blobs', { timeout: 60_000 });

  await page.getByLabel('Sweep setting 1').selectOption('lr');
  await page.getByRole('textbox', { name: 'Values 1' }).fill('0.001, 0.003, 0.01, 0.03');
  await page.getByLabel('Sweep setting 2').selectOption('classWeight:2');
  await page.getByRole('textbox', { name: 'Values 2' }).fill('1, 2, 4, 8');
  await page.getByLabel('Sweep metric').selectOption('validation-loss');
  await page.getByRole('button', { name: 'Run sweep' }).click();

  const cells = page.getByRole('button', { name: /^lr [\d.]+, weight of class 2 = \d+: validation loss / });
  await expect(cells).toHaveCount(16);
  const measured = page.getByRole('button', { name: /^lr [\d.]+, weight of class 2 = \d+: validation loss \d+\.\d+/ });
  // The heatmap updates while training: some cells have values before the last run is done.
  await expect.poll(() => measured.count(), { timeout: 120_000 }).toBeGreaterThan(0);
  await expect(page.getByText(/^Sweep done: 16 runs\.$/)).toBeVisible({ timeout: 200_000 });
  await expect(measured).toHaveCount(16);
  // Copied now, the link is the sweep; once a cell is open, it is that run.
  expect((await copiedExperiment(page)).sweep).toMatchObject({ axes: [{ setting: 'lr' }, { setting: 'classWeight', classIndex: 2 }] });

  const cell = page.getByRole('button', { name: /^lr 0\.01, weight of class 2 = 4: validation loss \d+\.\d+$/ });
  await cell.click();
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.01');
  await expect(page.getByLabel('Weight of class 2', { exact: true })).toHaveValue('4');
  await expect(page.getByText(/Open in the main view .*: lr 0\.01, weight of class 2 = 4\./)).toBeVisible();
  const run = await copiedExperiment(page);
  expect(run.sweep).toBeUndefined();
  expect(run.optimizer.lr).toBe(0.01);
  expect(errors).toEqual([]);
});
