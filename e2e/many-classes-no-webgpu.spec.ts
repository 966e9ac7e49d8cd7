// A 1,000-class CSV on the CPU page: once it blanked the page (a spread of 10⁶ confusion counts into
// Math.max). Now the matrix is a heatmap with its largest confusions, every class's weight can be
// edited, and the page answers a click throughout.
import { expect, test } from '@playwright/test';
import { slowestAnswer, timeClicks } from './support/responsiveness';

const CLASSES = 1000;
const ROWS_PER_CLASS = 5;

/** Two features, each class a small cluster on a circle: learnable, and many neighbours to confuse. */
function manyClassCsv(): string {
  const lines = ['x,y,label'];
  for (let k = 0; k < CLASSES; k++) {
    for (let r = 0; r < ROWS_PER_CLASS; r++) {
      const angle = (2 * Math.PI * k) / CLASSES;
      lines.push(`${(Math.cos(angle) + r * 1e-3).toFixed(5)},${(Math.sin(angle) - r * 1e-3).toFixed(5)},c${k}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

test('a 1,000-class CSV: heatmap, largest confusions, editable weights, a page that answers', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || (message.type() === 'warning' && /WebGPU|GPU|Buffer|failed to render/.test(message.text())))
      problems.push(`console.${message.type()}: ${message.text()}`);
  });
  await timeClicks(page);
  await page.goto('/');
  await expect(page.getByRole('status', { name: 'Training status' })).toContainText(/Step \d+/, { timeout: 60_000 });
  await page.getByLabel('Dataset').selectOption('csv');
  await page.getByLabel('CSV file').setInputFiles({ name: 'many.csv', mimeType: 'text/csv', buffer: Buffer.from(manyClassCsv()) });
  // A picked file is previewed first; the label column (the text one, last) is preselected.
  await page.getByRole('form', { name: 'Preview of many.csv' }).getByRole('button', { name: 'Load many.csv' }).click();

  const heatmap = page.getByRole('img', { name: /^1000 by 1000 confusion matrix: / });
  await expect(heatmap).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('heading', { name: 'Largest confusions' })).toBeVisible();
  // No C² buttons: the page stays small.
  expect(await page.locator('table.confusion button').count()).toBe(0);

  await page.getByLabel('Weight preset').selectOption('custom');
  const weight = page.getByLabel('Weight of class 999: c999', { exact: true });
  await weight.fill('2.5');
  await expect(page.locator('.class-weights .field-error')).toHaveCount(0);
  await expect(page).toHaveURL(/#experiment=/);
  expect(await page.getByRole('group', { name: 'Weights of the 1000 classes' }).getByRole('spinbutton').count()).toBe(CLASSES);

  expect(await slowestAnswer(page, 5_000)).toBeLessThan(1_000);
  await expect(page.getByLabel('Share link')).toBeVisible();
  expect(problems).toEqual([]);
});
