// The playground without a mouse: Space/S/R drive the transport, the skip link comes first in the
// tab order, the decision boundary's points are reachable with the arrow keys and Enter inspects
// one, and a 3-class run shows the probability simplex with a summary in words.
import { expect, type Locator, type Page, test } from '@playwright/test';
import { collectErrors } from './support/errors';

const status = (page: Page) => page.getByRole('status', { name: 'Training status' });

async function number(locator: Locator, label: string): Promise<number> {
  const text = (await locator.textContent()) ?? '';
  const match = text.match(new RegExp(`${label} (-?[\\d.]+)`));
  if (!match) throw new Error(`no "${label} <number>" in ${JSON.stringify(text)}`);
  return Number(match[1]);
}

/** The opening preview has ended, focus is on the page itself, and the run is paused. */
async function pausedOnPage(page: Page): Promise<void> {
  await page.goto('/');
  await expect(status(page)).toContainText('Paused', { timeout: 90_000 });
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

test('Space plays and pauses, S steps once, R resets, and typing in a field triggers none of them', async ({ page }) => {
  const errors = collectErrors(page);
  await pausedOnPage(page);
  await expect(page.getByText('Space play/pause · S step · R reset')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toHaveAttribute('aria-keyshortcuts', 'Space');

  const before = await number(status(page), 'Step');
  await page.keyboard.press('Space');
  await expect(status(page)).toContainText('Training');
  await expect.poll(() => number(status(page), 'Step'), { timeout: 60_000 }).toBeGreaterThan(before + 20);
  // The rate stands apart from the step in the status's text (once they ran together: "Step 564143 steps/s").
  await expect(status(page)).toContainText(/Step \d+ [\d,]+(\.\d)? steps\/s/);

  await page.keyboard.press('Space');
  await expect(status(page)).toContainText('Paused');
  await expect(status(page)).not.toContainText('steps/s');
  // The loss chart is named by what it shows, in words with numbers, not by its tick labels.
  await expect(
    page.getByRole('img', {
      name: /^Training loss (fell|rose) from \d\.\d\d to \d\.\d\d over [\d,]+ steps; validation loss \d\.\d\d, lowest \d\.\d\d at step [\d,]+\.$/,
    }),
  ).toBeVisible();
  const paused = await number(status(page), 'Step');
  await page.keyboard.press('s');
  await expect.poll(() => number(status(page), 'Step')).toBe(paused + 1);

  // In a number field the keys are typing: neither R nor Space touches the run.
  const field = page.getByLabel('Steps per frame');
  await field.focus();
  await page.keyboard.press('r');
  await page.keyboard.press('Space');
  await expect(status(page)).toContainText('Paused');
  expect(await number(status(page), 'Step')).toBe(paused + 1);
  await field.press('Escape');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  await page.keyboard.press('r');
  await expect(status(page)).toContainText('Step 0');
  expect(errors).toEqual([]);
});

test('Tab reaches the skip link first, and it moves focus to the main content', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('the decision boundary by keyboard: arrows move between points, Enter inspects one', async ({ page }) => {
  const errors = collectErrors(page);
  await pausedOnPage(page);
  const plot = page.getByRole('application', { name: 'Decision boundary points' });
  await plot.focus();
  await page.keyboard.press('ArrowRight');
  const live = page.getByText(/^(Training|Validation) sample \d+: .+, predicted .+ with probability \d\.\d\d\.$/);
  await expect(live).toBeVisible();
  const first = await live.textContent();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowLeft');
  await expect(live).not.toHaveText(first ?? '');
  const focused = (await live.textContent()) ?? '';
  const [, split, index] = focused.match(/^(Training|Validation) sample (\d+)/) ?? [];
  await page.keyboard.press('Enter');
  const name = `${split === 'Training' ? 'train' : 'validation'} sample ${index},`;
  await expect(page.getByRole('heading', { name: new RegExp(`^Sample inspector: ${name}`) })).toBeVisible();
  await expect(page.getByRole('table').filter({ hasText: 'softmax p' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a 3-class run shows the probability simplex with a summary; 2 classes hide it', async ({ page }) => {
  await pausedOnPage(page); // the default: spirals with 3 classes
  const simplex = page.getByRole('region', { name: 'Probability simplex' });
  await expect(simplex).toBeVisible();
  await expect(simplex.getByRole('img')).toHaveAttribute(
    'aria-label',
    /^Of \d+ validation points, \d+ lie nearest their own class's corner; the mean probability of the true class is \d\.\d\d\.$/,
  );
  await page.getByLabel('Classes').fill('2');
  await page.getByLabel('Classes').press('Enter');
  await expect(simplex).toHaveCount(0, { timeout: 60_000 });
});
