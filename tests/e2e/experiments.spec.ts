import { expect, test } from '@playwright/test';
import { useWebHost } from './web-host-process.js';

const host = useWebHost();

test('read sweep, both halves: one chart with the emulated and the native series, point for point', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Probes' }).click();
  const card = page.getByRole('region', { name: 'Experiment read-sweep' });
  await card.getByRole('button', { name: 'Run both: read-sweep' }).click();
  const chart = card.locator('[data-chart="read-sweep"]');
  await expect(chart).toBeVisible({ timeout: 200_000 });
  // Default range 1 B .. 64 KiB: 17 powers of two, each with ns/byte and syscalls/MiB.
  await expect(chart).toHaveAttribute('data-emulated-points', '34', { timeout: 200_000 });
  await expect(chart).toHaveAttribute('data-native-points', '34');
  // The chart's data table is its CSV export, row for row.
  const rows = chart.getByRole('table', { name: /data$/ }).locator('tbody tr');
  await expect(rows).toHaveCount(68);
  const emulatedPerByte = await chart.getByRole('table', { name: /data$/ }).locator('tbody tr', { hasText: 'ns-per-byte' }).filter({ hasText: 'emulated' }).count();
  expect(emulatedPerByte).toBe(17);
  await expect(chart.getByRole('button', { name: 'Export CSV' })).toBeVisible();
  await expect(chart.getByRole('button', { name: 'Export PNG' })).toBeVisible();
  await chart.screenshot({ path: testInfo.outputPath('read-sweep-both.png') });
});

test('calibrate to this machine: prediction against measurement, with the error per operation', async ({ page }, testInfo) => {
  test.setTimeout(420_000);
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Probes' }).click();
  await page.getByRole('button', { name: 'Calibrate to this machine' }).click();
  const table = page.getByRole('table', { name: 'Prediction against measurement' });
  await expect(table).toBeVisible({ timeout: 400_000 });
  const getppid = table.locator('tr', { hasText: 'getppid' });
  await expect(getppid).toHaveCount(1);
  await expect(getppid.locator('td').nth(6)).toHaveText(/^[+-]\d+\.\d%$/);
  const perExperiment = page.getByRole('table', { name: 'Error per experiment' });
  await expect(perExperiment.locator('tr', { hasText: 'null-syscall' }).locator('td').nth(3)).toHaveText(/^\d+\.\d%$/);
  // Held-out checks (the read sweep) are listed too.
  await expect(table.locator('tr', { hasText: 'read:4096' }).locator('td').last()).toHaveText('check');
  await page.screenshot({ path: testInfo.outputPath('calibration.png'), fullPage: true });
  // Stored in the prefs: still there after a reload.
  await page.reload();
  await page.getByRole('tab', { name: 'Probes' }).click();
  await expect(page.getByRole('table', { name: 'Prediction against measurement' })).toBeVisible();
});

test('compare with emulated: a stored probe run charted beside the emulated half; the context-switch breakdown', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Probes' }).click();
  await page.getByRole('button', { name: 'Run null-syscall' }).click();
  await expect(page.getByRole('table', { name: 'Timings' })).toContainText('getppid', { timeout: 150_000 });
  await page.getByRole('button', { name: 'Compare with emulated (null-syscall)' }).click();
  const chart = page.getByRole('region', { name: 'Experiment null-syscall' }).locator('[data-chart="null-syscall"]');
  await expect(chart).toHaveAttribute('data-emulated-points', '1', { timeout: 60_000 });
  await expect(chart).toHaveAttribute('data-native-points', '1');
  const card = page.getByRole('region', { name: 'Experiment context-switch' });
  await card.getByRole('button', { name: 'Run both: context-switch' }).click();
  const breakdown = card.locator('[data-chart="context-switch-breakdown"]');
  await expect(breakdown).toHaveAttribute('data-emulated-points', /^[4-9]|1\d$/, { timeout: 150_000 });
  await expect(breakdown.getByRole('table', { name: /data$/ })).toContainText('contextSwitchCache');
  await expect(card.locator('[data-chart="context-switch"]')).toHaveAttribute('data-native-points', /^[1-9]/);
  await card.screenshot({ path: testInfo.outputPath('context-switch.png') });
});

test('run natively: the book listing traced by strace beside the emulator', async ({ page }) => {
  test.skip(process.platform !== 'linux' || process.arch !== 'x64', 'needs an x86-64 Linux host');
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Playground' }).click();
  await page.getByRole('button', { name: 'Run natively' }).click();
  await expect(page.getByLabel('Native outcome')).toContainText('exited with status 0', { timeout: 30_000 });
  await expect(page.getByLabel('Native output')).toHaveText('Direct write call');
  await expect(page.getByRole('list', { name: 'strace trace' })).toContainText('write(1, "Direct write call", 17) = 17');
  await expect(page.getByRole('list', { name: 'Emulator trace' })).toContainText('write(1, "Direct write call", 17) = 17');
  await expect(page.getByLabel('Emulated outcome')).toContainText('emulated time');
});
