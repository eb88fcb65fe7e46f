import { expect, test } from '@playwright/test';
import { useWebHost } from './web-host-process.js';

const host = useWebHost();

test('runs the book listing and shows its output and strace line', async ({ page }, testInfo) => {
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Playground' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByLabel('Program output')).toHaveText('Direct write call');
  const trace = page.getByRole('list', { name: 'System call trace' });
  await expect(trace).toContainText('write(1, "Direct write call", 17) = 17');
  await expect(trace).toContainText('+++ exited with 0 +++');
  await expect(page.getByRole('status')).toHaveText('Exited with status 0.');
  await page.screenshot({ path: testInfo.outputPath('playground-run.png'), fullPage: true });
});

test('steps into the kernel: the syscall instruction switches to CPL 0 and saves RIP in RCX', async ({ page }, testInfo) => {
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Playground' }).click();
  await page.getByRole('button', { name: 'Run to syscall' }).click();
  // Stopped on the first kernel instruction of the entry path.
  await expect(page.getByLabel('Privilege level')).toHaveText('CPL 0 (kernel)');
  const next = page.getByRole('list', { name: 'Next instructions' });
  await expect(next.locator('li').first()).toContainText('entry_SYSCALL_64');
  await expect(next.locator('li').first()).toContainText('swapgs');
  // RCX holds the address after the syscall; RAX still holds the number (1 = write).
  const rax = page.locator('tr[data-reg="rax"] code');
  await expect(rax).toHaveText('0x0000000000000001');
  const rcx = await page.locator('tr[data-reg="rcx"] code').textContent();
  expect(BigInt(rcx!)).toBeGreaterThan(0x401000n);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(next.locator('li').first()).toContainText('mov');
  await page.screenshot({ path: testInfo.outputPath('playground-kernel-entry.png'), fullPage: true });
});

test('an assembler error is shown with its line and column', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Playground' }).click();
  await page.getByLabel('Program (x86-64, GNU as, Intel syntax)').fill('.intel_syntax noprefix\n.global _start\n_start:\n    mvo rax, 1\n');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Assembler errors' })).toContainText("line 4, column 5: unknown mnemonic 'mvo'");
});
