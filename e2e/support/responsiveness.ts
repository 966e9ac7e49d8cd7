// How long the page keeps a click waiting, timed in the page: from the browser taking the input
// (event.timeStamp) to the page's handler running. The click is a raw mouse event at the button's
// place (page.mouse), not locator.click(), which waits for the page to be idle before it clicks and so
// would hide the wait. Playwright's own round trips are left out: on a loaded test machine they alone
// take a second or more, and they are not the page's to answer for. The longest task the page ran
// is kept too (PerformanceObserver 'longtask'), a second witness.
import { type Page, test } from '@playwright/test';

/** Records every click's wait; call before page.goto. */
export async function timeClicks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __clickWaits: number[] };
    w.__clickWaits = [];
    document.addEventListener('click', (event) => w.__clickWaits.push(performance.now() - event.timeStamp), { capture: true });
    const l = window as unknown as { __longestTask: number };
    l.__longestTask = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) l.__longestTask = Math.max(l.__longestTask, entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** Clicks "Copy link" and returns how long that click waited for the page, in ms. */
export async function clickAnswerMs(page: Page): Promise<number> {
  // The button sits in the page header, which scrolls away: bring it back, as a user would.
  const button = page.getByRole('button', { name: 'Copy link' });
  await button.scrollIntoViewIfNeeded({ timeout: 30_000 });
  const box = await button.boundingBox({ timeout: 30_000 });
  if (!box) throw new Error('the Copy link button is not on screen');
  const before = await clickCount(page);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForFunction((n) => (window as unknown as { __clickWaits: number[] }).__clickWaits.length > n, before, { timeout: 30_000 });
  return page.evaluate(() => (window as unknown as { __clickWaits: number[] }).__clickWaits.at(-1) ?? Number.POSITIVE_INFINITY);
}

function clickCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __clickWaits: number[] }).__clickWaits.length);
}

/** The longest task the page has run since it loaded, in ms. */
export function longestTask(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __longestTask: number }).__longestTask);
}

/** Clicks every `every` ms for `forMs`, and returns the slowest wait (also logged and annotated). */
export async function slowestAnswer(page: Page, forMs: number, every = 300): Promise<number> {
  let slowest = 0;
  const until = Date.now() + forMs;
  while (Date.now() < until) {
    slowest = Math.max(slowest, await clickAnswerMs(page));
    await page.waitForTimeout(every);
  }
  const longest = await longestTask(page);
  test
    .info()
    .annotations.push({ type: 'slowest click wait', description: `${slowest.toFixed(0)} ms (longest task ${longest.toFixed(0)} ms)` });
  console.log(`slowest click wait over ${forMs} ms: ${slowest.toFixed(0)} ms; longest task since load: ${longest.toFixed(0)} ms`);
  return slowest;
}
