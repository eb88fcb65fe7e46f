import { expect, test } from '@playwright/test';
import { useWebHost } from './web-host-process.js';

const host = useWebHost();

test('runs the null-syscall probe and charts its timings, then remembers the run', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Probes' }).click();
  await expect(page.getByText(/This machine: .* cores, Linux/)).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Run null-syscall' }).click();
  const timings = page.getByRole('table', { name: 'Timings' });
  await expect(timings).toContainText('getppid', { timeout: 150_000 });
  // The chart's data table carries the same numbers as the results table.
  const median = await timings.locator('tr', { hasText: 'getppid' }).locator('td').nth(1).textContent();
  expect(Number(median)).toBeGreaterThan(0);
  await expect(page.getByRole('figure', { name: /null-syscall: time per operation/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('probes-null-syscall.png'), fullPage: true });
  await page.reload();
  await page.getByRole('tab', { name: 'Probes' }).click();
  await expect(page.getByRole('list', { name: 'Probe history' })).toContainText('null-syscall');
});
