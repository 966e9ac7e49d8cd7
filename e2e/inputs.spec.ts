// Inputs that must not corrupt a run: number fields apply a value once it is typed (never one on the
// way to it), rapid dataset, loss and restart switches leave no WebGPU warning, and "Charts as PNG"
// saves the charts themselves, at their displayed size.
import { expect, type Page, test } from '@playwright/test';
import lz from 'lz-string';
import type { Experiment } from '../src/engine/experiment/schema';
import { TITLE_BAND_PX } from '../src/ui/chartPng';
import { collectErrors } from './support/errors';

const status = (page: Page) => page.getByRole('status', { name: 'Training status' });

async function waitForPause(page: Page): Promise<void> {
  await expect(status(page)).toContainText('Paused', { timeout: 90_000 });
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
}

/** Every experiment the page wrote to the address bar, in order, from the moment the page loads. */
async function recordExperiments(page: Page): Promise<() => Promise<Experiment[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { xentFragments: string[] }).xentFragments = seen;
    const replace = history.replaceState.bind(history);
    history.replaceState = (data, unused, url) => {
      if (typeof url === 'string') seen.push(url);
      replace(data, unused, url);
    };
  });
  return async () => {
    const fragments = await page.evaluate(() => (window as unknown as { xentFragments: string[] }).xentFragments);
    // As src/store/shareLink.ts packs it (lz-string is CommonJS: its named exports do not load here).
    return fragments.map((fragment) => JSON.parse(lz.decompressFromEncodedURIComponent(fragment.split('#experiment=')[1]) ?? 'null'));
  };
}

test('number fields apply only the value typed ("0.003" never trains at lr 0, "128, 128" restarts once); slider presses make one marker', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const experiments = await recordExperiments(page);
  await page.goto('/');
  await waitForPause(page);
  await page.getByRole('button', { name: 'Play', exact: true }).click();

  const lr = page.getByLabel('Learning rate', { exact: true });
  let before = (await experiments()).length;
  await lr.selectText();
  // Pauses longer than the idle commit between keys: still nothing on the way ("0", "0.", "0.00") applies.
  await lr.pressSequentially('0.003', { delay: 900 });
  await expect.poll(async () => (await experiments()).slice(before).map((e) => e.optimizer.lr)).toEqual([0.003]);
  await page.waitForTimeout(1500); // time for a late, wrong commit to show
  expect((await experiments()).slice(before).map((e) => e.optimizer.lr)).toEqual([0.003]);

  // Escape puts the applied value back and applies nothing.
  before = (await experiments()).length;
  await lr.selectText();
  await lr.pressSequentially('5', { delay: 50 });
  await lr.press('Escape');
  await expect(lr).toHaveValue('0.003');
  // Out of range: the field says why, by name and range, and nothing is applied.
  await lr.fill('50');
  await lr.press('Enter');
  await expect(page.getByText('Learning rate must be a number from 0 to 10, got "50".')).toBeVisible();
  await page.waitForTimeout(1000);
  expect((await experiments()).length).toBe(before);

  const hidden = page.getByLabel('Hidden layers');
  before = (await experiments()).length;
  await hidden.selectText();
  await hidden.pressSequentially('128, 128', { delay: 120 });
  await expect.poll(async () => (await experiments()).slice(before).map((e) => e.model.hidden)).toEqual([[128, 128]]);
  await page.waitForTimeout(1500);
  expect((await experiments()).slice(before).map((e) => e.model.hidden)).toEqual([[128, 128]]);
  await expect(page.getByText('Training restarted: the model changed.')).toHaveCount(1);

  // Arrow presses on a slider, 150 ms apart while training: one marker on the curves, not six.
  const markers = page.locator('figure[data-chart="loss"] .recharts-reference-line');
  await expect(status(page)).toContainText(/Step [1-9]/, { timeout: 60_000 });
  await expect(markers).toHaveCount(0); // the restart cleared them
  const slider = page.getByLabel('slider for class 0');
  await slider.focus();
  for (let i = 0; i < 6; i++) {
    await slider.press('ArrowRight');
    await page.waitForTimeout(150);
  }
  await page.waitForTimeout(1500);
  await expect(markers).toHaveCount(1);
  // Its label (drawn in recharts' label layer, not inside the line's group): 1 + 6 × 0.05, the value the presses ended on.
  await expect(page.locator('figure[data-chart="loss"]')).toContainText('weight of class 0 = 1.3');
  expect(errors).toEqual([]);
});

test('rapid dataset, loss-mode switches and restarts leave no WebGPU warning', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByRole('status', { name: 'Backend' })).toContainText('WebGPU', { timeout: 60_000 });
  await expect(status(page)).toContainText(/Step [1-9]/, { timeout: 60_000 });
  const dataset = page.getByLabel('Dataset', { exact: true });
  const loss = page.getByLabel('Loss', { exact: true });
  const reset = page.getByRole('button', { name: 'Reset', exact: true });
  // No waiting between switches: each lands while the last run's steps, predicts and reads are in flight.
  const play = page.getByRole('button', { name: 'Play', exact: true });
  for (const source of ['blobs', 'circles', 'xor', 'moons', 'spirals']) {
    await dataset.selectOption(source);
    await loss.selectOption('nt-xent');
    await loss.selectOption('cross-entropy');
    await reset.click(); // Reset pauses; Play again so that the next switch meets steps in flight
    await play.click();
    await page.waitForTimeout(200);
  }
  await expect(status(page)).toContainText(/Step [1-9]/, { timeout: 60_000 });
  await page.waitForTimeout(3000); // late warnings come from work still in flight
  expect(errors).toEqual([]);
});

test.describe('at devicePixelRatio 2', () => {
  test.use({ deviceScaleFactor: 2 });

  test('"Charts as PNG" saves the loss, accuracy and decision-boundary charts at their size, not blank', async ({ page }, testInfo) => {
    const errors = collectErrors(page);
    await page.goto('/');
    await waitForPause(page);
    const names = ['loss', 'accuracy', 'decision-boundary'];
    const files = new Map<string, Buffer>();
    const { readFileSync } = await import('node:fs');
    const allSaved = new Promise<void>((resolve) => {
      page.on('download', async (download) => {
        files.set(download.suggestedFilename(), readFileSync(await download.path()));
        if (names.every((name) => files.has(`xent-lab-${name}.png`))) resolve();
      });
    });
    await page.getByRole('button', { name: 'Charts as PNG' }).click();
    await allSaved;
    for (const name of names) {
      const png = files.get(`xent-lab-${name}.png`) as Buffer;
      const { writeFileSync } = await import('node:fs');
      writeFileSync(testInfo.outputPath(`${name}.png`), png); // kept as an artifact, to look at
      await testInfo.attach(`${name}.png`, { path: testInfo.outputPath(`${name}.png`), contentType: 'image/png' });
      expect(png.subarray(1, 4).toString('latin1'), name).toBe('PNG');
      // IHDR: width and height, big-endian, at bytes 16 and 20.
      const size = { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
      const expected = await page.evaluate(
        ({ chart, band }) => {
          const figure = document.querySelector(`figure[data-chart="${chart}"]`) as Element;
          const body = figure.querySelector('[data-chart-body]') ?? figure.querySelector('.recharts-wrapper, canvas');
          const box = (body as Element).getBoundingClientRect();
          const dpr = window.devicePixelRatio;
          return { width: Math.round(box.width * dpr), height: Math.round((box.height + band) * dpr), dpr };
        },
        { chart: name, band: TITLE_BAND_PX },
      );
      expect(expected.dpr).toBe(2);
      expect(size, name).toEqual({ width: expected.width, height: expected.height });
      // Not blank: decoded in the page, a chart has many colours and plenty of ink (a blank or
      // all-white export has 1 colour; a legend icon alone would not have the size above).
      const ink = await page.evaluate(async (base64) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const g = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
        g.drawImage(bitmap, 0, 0);
        const { data } = g.getImageData(0, 0, bitmap.width, bitmap.height);
        const colours = new Set<number>();
        let inked = 0;
        for (let i = 0; i < data.length; i += 4) {
          colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
          if (data[i] + data[i + 1] + data[i + 2] < 600) inked++;
        }
        return { colours: colours.size, inked: inked / (data.length / 4) };
      }, png.toString('base64'));
      expect(ink.colours, name).toBeGreaterThan(20);
      expect(ink.inked, name).toBeGreaterThan(0.01);
    }
    expect(errors).toEqual([]);
  });
});
