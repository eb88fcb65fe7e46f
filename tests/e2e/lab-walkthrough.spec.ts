import { expect, test } from '@playwright/test';
import { useWebHost } from './web-host-process.js';

const host = useWebHost();

test('a student opens a lab, loads the starter, runs it, steps into the kernel and checks the work', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Open lab Crossing the boundary' }).click();
  await expect(page.getByRole('heading', { name: 'Crossing the boundary', level: 2 })).toBeVisible();
  await page.getByRole('button', { name: /Open .*\(x86_64\) in the Playground/ }).first().click();
  await expect(page.getByRole('tab', { name: 'Playground' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('Lab: ')).toContainText('Crossing the boundary');

  // Into the kernel: the first instruction of the entry path, at CPL 0.
  await page.getByRole('button', { name: 'Run to syscall' }).click();
  await expect(page.getByLabel('Privilege level')).toHaveText('CPL 0 (kernel)');
  await expect(page.getByRole('list', { name: 'Next instructions' }).locator('li').first()).toContainText('swapgs');
  await page.screenshot({ path: testInfo.outputPath('lab-kernel-entry.png'), fullPage: true });

  // Run to the end and grade: every check shows a mark, and the score is reported.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status')).toContainText(/Exited with status|Killed by signal/);
  await page.getByRole('button', { name: 'Check my work' }).click();
  const results = page.getByRole('region', { name: 'Check results' });
  await expect(results).toContainText(/Checks: \d+%/, { timeout: 60_000 });
  const marks = results.getByLabel(/passed|not yet/);
  expect(await marks.count()).toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: testInfo.outputPath('lab-checked.png'), fullPage: true });
});
