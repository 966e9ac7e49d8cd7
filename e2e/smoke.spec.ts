import { expect, type Page, test } from '@playwright/test';
import { collectErrors } from './support/errors';

/** The most specific name the browser's WebGPU adapter has (SwiftShader leaves `description` empty). */
async function adapterName(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const info = (await navigator.gpu?.requestAdapter())?.info;
    return [info?.description, info?.device, info?.architecture, info?.vendor].find((part) => part) ?? '';
  });
}

test('the page starts WebGPU, passes its kernel self-check and computes new examples', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');

  await expect(page.getByRole('heading', { level: 1 })).toContainText('xent-lab');

  await test.step('backend: WebGPU on the browser adapter', async () => {
    const adapter = await adapterName(page);
    expect(adapter, 'the e2e browser should have a WebGPU adapter').not.toBe('');
    // Wait for the adapter's name, not just 'WebGPU': the CPU fallback's reason mentions WebGPU too.
    const backend = page.getByRole('status', { name: 'Backend' });
    await expect(backend).toContainText(adapter, { timeout: 60_000 });
    await expect(backend).toContainText('WebGPU');
  });

  await test.step('kernel self-check: GPU agrees with the CPU reference', async () => {
    const selfCheck = page.getByRole('status', { name: 'Kernel self-check' });
    await page.getByRole('button', { name: 'Run the kernel self-check' }).click();
    await expect(selfCheck).toContainText(/Self-check (passed|failed)/, { timeout: 90_000 });
    await expect(selfCheck).toContainText('Self-check passed');
    await expect(selfCheck).not.toContainText('Self-check failed');
  });

  await test.step('live example: "New example" changes the losses', async () => {
    const table = page.getByRole('table', { name: 'Cross-entropy example' });
    await expect(table.getByRole('columnheader', { name: 'Loss', exact: true })).toBeVisible();
    await expect(table).toContainText(/\d\.\d{4}/); // per-row losses are printed with 4 decimals
    const before = await table.textContent();
    await page.getByRole('button', { name: 'New example' }).click();
    await expect(table).not.toHaveText(before ?? '');
    await expect(table).toContainText(/\d\.\d{4}/);
  });

  await test.step('label smoothing recomputes on the GPU, and bad values are refused by name', async () => {
    const table = page.getByRole('table', { name: 'Cross-entropy example' });
    const value = page.getByRole('spinbutton', { name: 'Example ε', exact: true });
    await value.fill('0');
    await expect(table.getByText('ε = 0', { exact: true })).toBeVisible();
    const unsmoothed = await table.textContent();
    await value.fill('0.5');
    await expect(table.getByText('ε = 0.5', { exact: true })).toBeVisible();
    expect(await table.textContent()).not.toBe(unsmoothed);
    await value.fill('1.5');
    const example = page.getByRole('region', { name: 'A cross-entropy you can read' });
    await expect(example.getByRole('alert')).toContainText('labelSmoothing: must be a number in [0, 1], got 1.5');
    await value.fill('0.2');
    await expect(example.getByRole('alert')).toHaveCount(0);
  });

  expect(errors, 'console errors or uncaught exceptions').toEqual([]);
});
