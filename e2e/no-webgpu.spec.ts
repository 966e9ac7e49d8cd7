import { expect, test } from '@playwright/test';

test('without WebGPU the page runs on the CPU reference and says why', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/');

  const backend = page.getByRole('status', { name: 'Backend' });
  await expect(backend).toContainText('CPU backend', { timeout: 60_000 });
  await expect(backend).toContainText(/Running on the CPU reference because WebGPU found no suitable GPU adapter|no WebGPU/);

  // The example is computed by the CPU backend, with the same numbers' shape.
  const table = page.getByRole('table', { name: 'Cross-entropy example' });
  await expect(table).toContainText(/\d\.\d{4}/);
  // Nothing to compare the CPU reference with: the self-check says so instead of passing vacuously.
  await expect(page.getByRole('status', { name: 'Kernel self-check' })).toContainText('Self-check skipped', { timeout: 60_000 });
  // The playground trains on the CPU backend too.
  const training = page.getByRole('status', { name: 'Training status' });
  await expect
    .poll(async () => Number(((await training.textContent()) ?? '').match(/Step (\d+)/)?.[1] ?? 0), { timeout: 60_000 })
    .toBeGreaterThan(20);
  await expect(training).toContainText(/Train loss \d+\.\d+/);
  expect(errors).toEqual([]);
});
