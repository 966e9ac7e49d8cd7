// Hostile and extreme share links on the CPU page (no WebGPU): the page opens, names what it refused,
// asks before a link with a large work estimate, and answers a click within 1 s throughout.
import { expect, type Page, test } from '@playwright/test';
import { seededRandom } from '../src/engine/random';
import { extremeLink, fuzzLinks, wideDataLink } from '../tests/support/hostileLinks';
import { clickAnswerMs, longestTask, slowestAnswer, timeClicks } from './support/responsiveness';

async function watch(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await timeClicks(page);
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || (message.type() === 'warning' && /WebGPU|GPU|Buffer/.test(message.text()))) {
      problems.push(`console.${message.type()}: ${message.text()}`);
    }
  });
  return problems;
}

test('the extreme link asks first and is refused on the CPU by name; the page answers throughout', async ({ page }) => {
  const problems = await watch(page);
  await page.goto(`/${extremeLink()}`);
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('about 4.0 billion multiply-adds per training step', { timeout: 60_000 });
  await expect(page.getByRole('status', { name: 'Training status' })).toContainText(/Step \d+/, { timeout: 60_000 });
  expect(await slowestAnswer(page, 3_000)).toBeLessThan(1_000);
  await dialog.getByRole('button', { name: 'Open the shared experiment' }).click();
  await expect(
    page.getByText(/cannot run here.*on the CPU backend one training step may do at most 20 million multiply-adds/),
  ).toBeVisible();
  expect(await slowestAnswer(page, 4_000)).toBeLessThan(1_000);
  expect(problems).toEqual([]);
});

test('a confirmed link with 10⁵ samples trains on the CPU while the page answers within 1 s', async ({ page }) => {
  const problems = await watch(page);
  await page.goto(`/${wideDataLink()}`);
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('3.3 billion per measurement', { timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Open the shared experiment' }).click();
  const status = page.getByRole('status', { name: 'Training status' });
  // Measuring 10⁵ samples takes seconds on the CPU: the clicks land while it runs, in chunks.
  expect(await slowestAnswer(page, 15_000)).toBeLessThan(1_000);
  // Measured ~200 ms on a loaded 2-core machine: the measurement of 10⁵ samples runs in 8 ms slices.
  expect(await longestTask(page)).toBeLessThan(1_000);
  await expect(status).toContainText(/Train loss \d+\.\d+/, { timeout: 60_000 });
  expect(problems).toEqual([]);
});

const SAMPLE = [
  'the issue-20 link',
  '10⁵ unknown keys at the root',
  'arrays nested 10⁵ deep',
  '__proto__ at the root',
  'random text 3',
  'spiral-basics',
];

test('hostile links open the page with a named, short notice and a page that answers', async ({ page }) => {
  const links = fuzzLinks(seededRandom(20)).filter((link) => SAMPLE.some((name) => link.name.startsWith(name)));
  expect(links.length).toBeGreaterThanOrEqual(5);
  const problems = await watch(page);
  for (const link of links) {
    await page.goto(`/${link.hash}`);
    await expect(page.getByRole('status', { name: 'Training status' })).toContainText(/Step \d+/, { timeout: 60_000 });
    expect(await clickAnswerMs(page), link.name).toBeLessThan(1_000);
    const notices = (await page.locator('.notices').textContent()) ?? '';
    expect(notices.length, link.name).toBeLessThan(2_000);
    if (link.kind === 'hostile') expect(notices, link.name).toContain('The shared link could not be used');
    expect(problems, link.name).toEqual([]);
  }
});
