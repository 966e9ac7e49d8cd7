// Real MNIST: chosen in the dataset picker, the 1.6 MB file downloads behind a progress bar, the
// gallery and the inspector show 28×28 digits, and training steps; axe finds nothing serious in them.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { collectErrors } from './support/errors';

const status = (page: Page) => page.getByRole('status', { name: 'Training status' });

async function step(page: Page): Promise<number> {
  const match = ((await status(page).textContent()) ?? '').match(/Step (\d+)/);
  if (!match) throw new Error('no step in the training status');
  return Number(match[1]);
}

test('MNIST downloads with a progress bar, shows 28×28 digits, and trains', async ({ page }) => {
  const errors = collectErrors(page);
  // Held back until the bar has been seen: on localhost the file would arrive within milliseconds.
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/datasets/mnist-10k.bin.gz', async (route) => {
    const response = await route.fetch();
    await released;
    await route.fulfill({ response });
  });
  await page.goto('/');
  await expect(status(page)).toContainText('Paused', { timeout: 90_000 });

  await page.getByLabel('Dataset').selectOption('mnist');
  const bar = page.getByRole('progressbar', { name: 'Loading MNIST' });
  await expect(bar).toBeVisible({ timeout: 30_000 });
  release();
  await expect(bar).toBeHidden({ timeout: 60_000 });

  await expect(page.getByRole('heading', { name: 'Validation digits' })).toBeVisible({ timeout: 90_000 });
  const thumbnail = page.locator('.gallery canvas').first();
  await expect(thumbnail).toHaveAttribute('aria-label', 'The 28×28 digit image');
  expect(await thumbnail.evaluate((canvas: HTMLCanvasElement) => [canvas.width, canvas.height])).toEqual([28, 28]);

  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 60_000 });
  const before = await step(page);
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => step(page), { timeout: 60_000 }).toBe(before + 3);
  await expect(status(page)).toContainText(/Train loss \d+\.\d+/);

  await page
    .getByRole('button', { name: /^Digit sample \d+/ })
    .first()
    .click();
  const inspector = page.getByRole('region', { name: /Sample inspector: validation sample \d+/ });
  await expect(inspector).toBeVisible();
  const image = inspector.getByRole('img', { name: 'The 28×28 digit image' });
  await expect(image).toBeVisible();
  expect(await image.evaluate((canvas: HTMLCanvasElement) => [canvas.width, canvas.height])).toEqual([28, 28]);
  const axe = await new AxeBuilder({ page }).include('.gallery').include('[aria-labelledby="inspector-heading"]').analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  expect(errors).toEqual([]);
});
