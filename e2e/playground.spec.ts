// The playground as a new user meets it: it trains on opening, Play/Step/Reset work, class weights
// and the temperature change live, share links round-trip, bad links are refused with a notice,
// and an axe scan finds nothing serious. Screenshots of the main views are kept as artifacts.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, type TestInfo, test } from '@playwright/test';
import { collectErrors } from './support/errors';

const status = (page: Page) => page.getByRole('status', { name: 'Training status' });

async function number(locator: Locator, label: string): Promise<number> {
  const text = (await locator.textContent()) ?? '';
  const match = text.match(new RegExp(`${label} (-?[\\d.]+|NaN|Infinity)`));
  if (!match) throw new Error(`no "${label} <number>" in ${JSON.stringify(text)}`);
  return Number(match[1]);
}

/**
 * A screenshot as a test artifact; with XENT_SCREENSHOTS=<folder> also there (the README's and docs/'
 * come from `XENT_SCREENSHOTS=docs npm run test:e2e`).
 */
async function saveScreenshot(page: Page, testInfo: TestInfo, name: string, view?: Locator): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  const mobile = name === 'mobile';
  const viewport = page.viewportSize();
  if (!mobile) await page.setViewportSize({ width: 1440, height: 1100 }); // room for the panels and the views side by side
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  // Below the sticky transport bar.
  if (view) await view.evaluate((element) => window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 120));
  else await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: mobile });
  await testInfo.attach(name, { path, contentType: 'image/png' });
  const folder = process.env.XENT_SCREENSHOTS;
  if (folder && testInfo.project.name === 'chromium') await page.screenshot({ path: `${folder}/screenshot-${name}.png`, fullPage: mobile });
  if (viewport && !mobile) await page.setViewportSize(viewport);
}

/** Waits for the opening preview to end, so that a test starts from a pause. */
async function waitForPause(page: Page): Promise<void> {
  await expect(status(page)).toContainText('Paused', { timeout: 90_000 });
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
}

async function stepsAtLeast(page: Page, steps: number, timeout = 60_000): Promise<void> {
  await expect.poll(() => number(status(page), 'Step'), { timeout }).toBeGreaterThanOrEqual(steps);
}

test('opens training on WebGPU, with no console errors, and Play trains the loss down @mobile', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByRole('status', { name: 'Backend' })).toContainText('WebGPU', { timeout: 60_000 });
  // It trains on its own first: the step counter moves without a click.
  await stepsAtLeast(page, 20);
  await expect(status(page)).toContainText(/Train loss \d+\.\d+/);
  await expect(status(page)).toContainText(/Validation loss \d+\.\d+/);
  await expect(status(page)).toContainText(/Accuracy \d+(\.\d)?%/);
  await waitForPause(page);

  const before = await number(status(page), 'Train loss');
  const stepBefore = await number(status(page), 'Step');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await stepsAtLeast(page, stepBefore + 300, 90_000);
  await expect.poll(() => number(status(page), 'Train loss'), { timeout: 30_000 }).toBeLessThan(before);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await saveScreenshot(page, testInfo, 'cross-entropy');
  await saveScreenshot(page, testInfo, 'decision-boundary', page.getByRole('heading', { name: 'Decision boundary' }));

  // Step advances by one step at a time; Reset goes back to step 0.
  const paused = await number(status(page), 'Step');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => number(status(page), 'Step')).toBe(paused + 1);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(status(page)).toContainText('Step 0');
  expect(errors).toEqual([]);
});

/** Opens a collapsed <details> by its summary; one already open (e.g. kept across a loss switch) stays open. */
async function openDetails(page: Page, summary: string): Promise<void> {
  const toggle = page.locator('summary', { hasText: summary });
  if ((await toggle.locator('..').getAttribute('open')) === null) await toggle.click();
}

test('a class weight and the temperature change while training, without a reset @mobile', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await waitForPause(page);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const start = await number(status(page), 'Step');
  await stepsAtLeast(page, start + 20);

  const weight = page.getByLabel('Weight of class 0');
  await weight.fill('5');
  await expect(page.getByLabel('Weight preset')).toHaveValue('custom');
  await openDetails(page, 'PyTorch semantics');
  await expect(page.getByText(/Σ w\[yᵢ\] over the labelled rows of the batch/)).toBeVisible();
  const atChange = await number(status(page), 'Step');
  expect(atChange).toBeGreaterThan(start);
  await stepsAtLeast(page, atChange + 20);
  expect(await number(status(page), 'Step')).toBeGreaterThan(atChange); // never back to 0
  await expect(page.getByLabel('Weight of class 0')).toHaveValue('5');

  // NT-Xent: switching the loss restarts (a different objective), the temperature then changes live.
  await page.getByLabel('Loss', { exact: true }).selectOption('nt-xent');
  await expect(page.getByRole('heading', { name: 'Embeddings' })).toBeVisible({ timeout: 60_000 });
  if (await page.getByRole('button', { name: 'Play', exact: true }).isVisible())
    await page.getByRole('button', { name: 'Play', exact: true }).click();
  const contrastiveStart = await number(status(page), 'Step');
  await stepsAtLeast(page, contrastiveStart + 10);
  await page.getByLabel('Temperature').fill('0.1');
  await openDetails(page, 'PyTorch semantics');
  await expect(page.getByText(/τ = 0\.1\)/)).toBeVisible();
  const atTemperature = await number(status(page), 'Step');
  await stepsAtLeast(page, atTemperature + 10);
  expect(await number(status(page), 'Step')).toBeGreaterThan(atTemperature);
  await expect(status(page)).not.toContainText('Accuracy'); // contrastive mode has no accuracy

  await saveScreenshot(page, testInfo, 'contrastive', page.getByRole('heading', { name: 'Embeddings' }));
  expect(errors).toEqual([]);
});

test('a share link restores the whole experiment, and a tampered one opens the defaults with a notice @mobile', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await waitForPause(page);
  await page.getByLabel('Dataset').selectOption('moons');
  await page.getByLabel('Learning rate').fill('0.05');
  await page.getByLabel('Batch size').fill('32');
  await page.getByLabel('Optimizer').selectOption('nesterov');
  await page.getByLabel('Label smoothing').fill('0.2');
  await page.getByLabel('Hidden layers').fill('16, 8');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByLabel('Share link').inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  expect(link).toContain('#experiment=');

  const opened = await context.newPage();
  const errors = collectErrors(opened);
  await opened.goto(link);
  await expect(opened.getByLabel('Dataset')).toHaveValue('moons');
  await expect(opened.getByLabel('Learning rate')).toHaveValue('0.05');
  await expect(opened.getByLabel('Batch size')).toHaveValue('32');
  await expect(opened.getByLabel('Optimizer')).toHaveValue('nesterov');
  await expect(opened.getByLabel('Label smoothing')).toHaveValue('0.2');
  await expect(opened.getByLabel('Hidden layers')).toHaveValue('16, 8');
  await expect(opened.getByRole('alert').filter({ hasText: 'could not be used' })).toHaveCount(0);
  expect(errors).toEqual([]);

  // Valid lz-string, invalid experiment: every rejected field is named.
  const tampered = await context.newPage();
  await tampered.goto('/#experiment=N4IgbgpgTgzglgewHYgFwEYA0IYQgEzSxHwEMAXUtUGBAVygGMI0cAHOKUgGxhG0bdSMXH1QBmbDFIBbNtwhiA');
  await expect(tampered.getByRole('alert').filter({ hasText: 'could not be used' })).toBeVisible({ timeout: 30_000 });
  await expect(tampered.getByLabel('Dataset')).toHaveValue('spirals');
  const garbage = await context.newPage();
  await garbage.goto('/#experiment=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E');
  await expect(garbage.getByRole('alert').filter({ hasText: 'could not be used' })).toBeVisible({ timeout: 30_000 });
  await expect(garbage.locator('img[src="x"]')).toHaveCount(0);
  await expect(garbage.getByLabel('Learning rate')).toHaveValue('0.01');
});

test('an axe scan finds no serious or critical accessibility problems', async ({ page }) => {
  await page.goto('/');
  await stepsAtLeast(page, 10);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
});

test('on a narrow phone screen the main flow works', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await waitForPause(page);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const start = await number(status(page), 'Step');
  await stepsAtLeast(page, start + 10);
  await page.getByLabel('Learning rate').fill('0.02');
  await expect(page.getByLabel('Learning rate')).toBeInViewport();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390); // nothing forces sideways scrolling
  await saveScreenshot(page, testInfo, 'mobile');
});

test('A/B compare trains a copy with one change beside the run', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await waitForPause(page);
  await page.getByLabel('Setting that differs in B').selectOption('lr');
  await page.getByLabel('Value in B').fill('0.001');
  await page.getByRole('button', { name: 'Start A/B comparison' }).click();
  await expect(page.getByText('Run B differs from run A in')).toContainText('learning rate 0.001');
  await expect(status(page)).toContainText('Step 0');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await stepsAtLeast(page, 100);
  // B trains in lockstep, slower at a tenth of the learning rate.
  const b = page.locator('.compare-status');
  await expect.poll(async () => Number(((await b.textContent()) ?? '').match(/B: step (\d+)/)?.[1] ?? 0)).toBeGreaterThan(50);
  await expect(page.getByText('B validation', { exact: true }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Stop comparing' }).click();
  await expect(page.getByRole('button', { name: 'Start A/B comparison' })).toBeVisible();
  expect(errors).toEqual([]);
});

/** 60 Iris-like rows as a German spreadsheet saves them: species first, ';', decimal commas, 2 missing values. */
function irisDe(): string {
  const species = ['setosa', 'versicolor', 'virginica'];
  const rows = Array.from({ length: 60 }, (_, i) => {
    const k = i % 3;
    const width = i === 7 ? 'NA' : `${2 + k},${i % 10}`;
    return `${species[k]};${4 + k},${(i * 7) % 10};${width};${1 + 2 * k},${i % 5}`;
  });
  rows[20] = rows[20].replace(/;[^;]*$/, ';');
  return `Art;Kelchblatt;Breite;Kronblatt\r\n${rows.join('\r\n')}\r\n`;
}

test('uploads a CSV: preview, label column first, missing rows dropped, a small file adapts the batch, and it trains', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await waitForPause(page);
  await page.getByLabel('Dataset').selectOption('csv');
  await page.getByLabel('CSV file').setInputFiles({ name: 'iris-de.csv', mimeType: 'text/csv', buffer: Buffer.from(irisDe()) });
  const preview = page.getByRole('form', { name: 'Preview of iris-de.csv' });
  await expect(preview).toContainText('60 rows, 4 columns; separated by semicolons, decimal commas, a header row');
  await expect(preview.getByRole('row').nth(1)).toContainText('setosa');
  const label = preview.getByLabel('Label column');
  await expect(label).toHaveValue('0');
  const drop = preview.getByLabel('Drop 2 rows with missing values', { exact: false });
  await expect(drop).toBeChecked();
  // Unticked, the file is refused at the first missing cell, with the way out; nothing is loaded.
  await drop.uncheck();
  await preview.getByRole('button', { name: 'Load iris-de.csv' }).click();
  await expect(page.getByText('line 9, column "Breite": the value is missing ("NA"); 2 rows have missing values')).toBeVisible();
  await drop.check();
  await label.selectOption('0');
  await preview.getByRole('button', { name: 'Load iris-de.csv' }).click();
  await expect(preview).toHaveCount(0);
  await expect(page.getByRole('table', { name: /Label encoding of iris-de\.csv \(58 rows, 2 dropped/ })).toBeVisible();
  // 58 rows leave 46 training rows after the 20% validation share: fewer than the batch of 64.
  // The notice area shows the latest notice and logs the rest: the batch notice is one of the two.
  await expect(page.locator('.notices')).toContainText('Batch size 64 → 46');
  await expect(page.getByLabel('Batch size')).toHaveValue('46');
  await expect(status(page)).toContainText(/Train loss \d+\.\d+/, { timeout: 60_000 });
  const stepBefore = await number(status(page), 'Step');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await stepsAtLeast(page, stepBefore + 20);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(status(page)).not.toContainText('NaN');
  expect(errors).toEqual([]);
});

test('a diverging run pauses, explains the learning rate, and rewinds', async ({ page }) => {
  await page.goto('/');
  await waitForPause(page);
  await page.getByLabel('Activation').selectOption('gelu');
  await page.getByLabel('Optimizer').selectOption('nesterov');
  await page.getByLabel('Learning rate').fill('10');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Training paused at step' });
  await expect(alert).toBeVisible({ timeout: 90_000 });
  await expect(alert).toContainText('A learning rate of 10 is probably too large');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeDisabled();
  await page.getByRole('button', { name: 'Rewind to the last good checkpoint' }).click();
  await expect(alert).toHaveCount(0);
  await expect(status(page)).toContainText(/Train loss \d+\.\d+/);
});

test('exports the history as CSV, the experiment as JSON and a PyTorch script', async ({ page }) => {
  await page.goto('/');
  await waitForPause(page);
  const saved = async (button: string) => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: button }).click();
    const file = await download;
    const path = await file.path();
    const { readFileSync } = await import('node:fs');
    return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
  };
  const csv = await saved('History as CSV');
  expect(csv.name).toBe('xent-lab-history.csv');
  expect(csv.text.split('\n')[0]).toBe(
    'step,epoch,batch_loss,train_loss,train_loss_weighted,validation_loss,validation_loss_weighted,train_accuracy,validation_accuracy',
  );
  expect(csv.text.trim().split('\n').length).toBeGreaterThan(2);
  const json = await saved('Experiment as JSON');
  expect(JSON.parse(json.text)).toMatchObject({ version: 1, data: { source: 'spirals' } });
  const script = await saved('PyTorch script');
  expect(script.name).toBe('xent_lab_run.py');
  expect(script.text).toContain('nn.CrossEntropyLoss(weight=');
});

test('a lost GPU device is replaced and the run continues from its last checkpoint', async ({ page }) => {
  // Keep a handle on every device the page makes, so that the test can lose one.
  await page.addInitScript(() => {
    const devices: GPUDevice[] = [];
    Object.assign(window, { xentDevices: devices });
    const request = GPUAdapter.prototype.requestDevice;
    GPUAdapter.prototype.requestDevice = async function (this: GPUAdapter, descriptor?: GPUDeviceDescriptor) {
      const device = await request.call(this, descriptor);
      devices.push(device);
      return device;
    };
  });
  await page.goto('/');
  await waitForPause(page);
  const before = await number(status(page), 'Step');
  await page.evaluate(() => (window as unknown as { xentDevices: GPUDevice[] }).xentDevices[0].destroy());
  await expect(page.getByRole('alert').filter({ hasText: 'The GPU device was lost' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('status', { name: 'Backend' })).toContainText('WebGPU');
  // Restored from the last measured checkpoint (a few steps back at most), not restarted from 0.
  await expect(status(page)).toContainText('Paused', { timeout: 60_000 });
  await expect.poll(() => number(status(page), 'Step'), { timeout: 60_000 }).toBeGreaterThan(before - 50);
  expect(await number(status(page), 'Step')).toBeLessThanOrEqual(before);
  expect(await number(status(page), 'Epoch')).toBeGreaterThan(40); // 400 steps of 64 from 480 rows: epoch 54
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await stepsAtLeast(page, before + 20);
});

test('the Real digits preset trains on the digits, and a clicked digit opens in the inspector', async ({ page }) => {
  await page.goto('/');
  await waitForPause(page);
  await page.getByRole('button', { name: 'Real digits' }).click();
  await expect(page.getByText(/What to watch: A 64→64→10 network reaches about 96%/)).toBeVisible();
  await page.locator('summary', { hasText: 'More about “Real digits”' }).click();
  await expect(page.getByText(/The 8×8 handwritten digits \(1,797 images/)).toBeVisible();
  await expect(page.getByLabel('Dataset')).toHaveValue('digits');
  await expect(page.getByRole('heading', { name: 'Validation digits' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await stepsAtLeast(page, 200, 90_000);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect.poll(() => number(status(page), 'Accuracy'), { timeout: 30_000 }).toBeGreaterThan(80);
  const digit = page.getByRole('button', { name: /^Digit sample \d+/ }).first();
  const name = (await digit.getAttribute('aria-label')) ?? '';
  await digit.click();
  const index = name.match(/^Digit sample (\d+)/)?.[1];
  await expect(page.getByRole('heading', { name: new RegExp(`Sample inspector: validation sample ${index},`) })).toBeVisible();
  await expect(page.getByRole('table').filter({ hasText: 'softmax p' })).toContainText('∂ℓ/∂z');
});
