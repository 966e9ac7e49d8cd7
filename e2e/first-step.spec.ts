// The first steps come at once: the page trains on the CPU reference while the GPU compiles its
// pipelines, says so in the status, and moves to WebGPU without a WebGPU warning or a jump in steps.
import { expect, type Page, test } from '@playwright/test';
import { collectErrors } from './support/errors';

const status = (page: Page) => page.getByRole('status', { name: 'Training status' });
const stepOf = async (page: Page) => Number((await status(page).textContent())?.match(/Step (\d+)/)?.[1] ?? Number.NaN);

test('the status names the backend stepping: the CPU while the GPU warms up, then WebGPU, and training goes on across the handoff', async ({
  page,
}) => {
  const errors = collectErrors(page);
  // Every text the status's backend part shows, in order, from the first render on.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { xentStepping: string[] }).xentStepping = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[aria-label="Training status"] .stepping')?.textContent;
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto('/');
  // Read once the engine has started: before, the status says "Starting the engine…" and the test
  // would skip itself on a WebGPU browser (it did so in CI once).
  const backendStatus = page.getByRole('status', { name: 'Backend' });
  await expect(backendStatus).toContainText(/backend on|failed to start/, { timeout: 60_000 });
  const backend = await backendStatus.textContent();
  test.skip(!/WebGPU/.test(backend ?? ''), 'this browser has no WebGPU: nothing to warm up');
  await expect(status(page)).toContainText('Stepping on CPU (warming up GPU)', { timeout: 60_000 });
  await expect(status(page)).toContainText(/Step [1-9]/, { timeout: 60_000 });
  // The opening preview may end before the GPU is ready: the handoff comes with the next step.
  const play = page.getByRole('button', { name: 'Play', exact: true });
  await expect(status(page).or(play)).toBeVisible();
  const handedOver = status(page).getByText('Stepping on WebGPU');
  await expect(async () => {
    if (await play.isVisible()) await play.click();
    await expect(handedOver).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 90_000 });
  const atHandoff = await stepOf(page);
  await expect.poll(() => stepOf(page), { timeout: 30_000 }).toBeGreaterThan(atHandoff + 20);
  expect(await page.evaluate(() => (window as unknown as { xentStepping: string[] }).xentStepping)).toEqual([
    'Stepping on CPU (warming up GPU)',
    'Stepping on WebGPU',
  ]);
  expect(errors).toEqual([]);
});
