// A student opens a lab that offers both architectures, picks the ARM64 starter and
// runs it: the Playground switches to AArch64, "Run to syscall" stops at EL1 with the
// call number in x8 and the arguments in x0-x2, the trace shows the write, and the
// grader applies the ARM64 checks (not the x86-64-only ones).
import { expect, test } from '@playwright/test';
import { useWebHost } from './web-host-process.js';

const host = useWebHost();

test('syscall table on ARM64: the arm64 starter runs with x8/x0 registers, traces its write and is graded on arm64', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Open lab The system call table' }).click();
  await expect(page.locator('#lab-title')).toHaveText('The system call table');
  await expect(page.locator('p.meta')).toContainText('x86_64, arm64');
  // Checks for one architecture say so before the student picks a starter.
  const checks = page.locator('ul.checks');
  await expect(checks.locator('li', { hasText: 'the retired slot returns ENOSYS' })).toContainText('x86_64 only');
  await expect(checks.locator('li', { hasText: 'the empty slot returns ENOSYS' })).toContainText('arm64 only');
  await expect(checks.locator('li', { hasText: 'the text reaches standard output' })).not.toContainText('only');
  await page.getByRole('button', { name: 'Open table-arm64.s (arm64) in the Playground' }).click();
  await expect(page.getByText('Lab: ')).toContainText('The system call table');
  await expect(page.getByLabel('Program (AArch64, GNU as)')).toContainText('svc     #0');

  // The first call is the starter's write: one press stops in the kernel's entry code
  // at EL1. Every EL0 exception enters at el0t_64_sync, but the run passes over the
  // page fault of _start's first instruction fetch (ESR_EL1.EC is not SVC) to the svc.
  await page.getByRole('button', { name: 'Run to syscall' }).click();
  await expect(page.getByLabel('Privilege level')).toHaveText('EL1 (kernel)');
  await expect(page.locator('tr[data-reg="x8"] code')).toHaveText('0x0000000000000040');
  await expect(page.getByRole('list', { name: 'Next instructions' }).locator('li').first()).toContainText('el0t_64_sync');
  await expect(page.locator('tr[data-reg="x0"] code')).toHaveText('0x0000000000000001');
  await expect(page.locator('tr[data-reg="x2"] code')).toHaveText('0x0000000000000009');
  await expect(page.locator('tr[data-reg="rax"]')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('arm64-lab-entry.png'), fullPage: true });

  // The address-space view splits the space as arm64 does (48-bit VAs): the stack,
  // near 2^48, is in the TTBR0 user half, not in x86-64's non-canonical hole.
  await page.getByRole('tab', { name: 'Address space' }).click();
  const emulated = page.getByRole('img', { name: /^Emulated \(arm64\)/ });
  await expect(emulated).toHaveAttribute('data-arch', 'arm64');
  const stack = emulated.locator('g.region[data-label="[stack]"]');
  await expect(stack).toHaveAttribute('data-part', 'user');
  expect(BigInt((await stack.getAttribute('data-start')) ?? '0')).toBeGreaterThan(1n << 47n);
  await expect(emulated.locator('g.region[data-label="kernel text (vectors and entry code)"]')).toHaveAttribute('data-part', 'kernel');
  await expect(emulated).toContainText('no TTBR0/1 range');
  await expect(emulated).toContainText('0x0001000000000000');
  await expect(emulated).toContainText('0xffff000000000000');
  await expect(emulated).not.toContainText('non-canonical');
  await expect(page.locator('figcaption').first()).toContainText('translation fault');
  await page.screenshot({ path: testInfo.outputPath('arm64-address-space.png'), fullPage: true });
  await page.getByRole('tab', { name: 'Disassembly' }).click();

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Exited with status 0.');
  const trace = page.getByRole('list', { name: 'System call trace' });
  await expect(trace).toContainText('write(1, "table ok\\n", 9) = 9');

  // Graded as ARM64: the arm64-only hole check is there (and not yet met by the
  // starter); the x86-64-only one is not.
  await page.getByRole('button', { name: 'Check my work' }).click();
  const results = page.getByRole('region', { name: 'Check results' });
  await expect(results).toContainText(/Checks: \d+%/, { timeout: 60_000 });
  await expect(results.locator('li', { hasText: 'the text reaches standard output' }).getByLabel('passed')).toBeVisible();
  await expect(results.locator('li', { hasText: 'the empty slot returns ENOSYS' }).getByLabel('not yet')).toBeVisible();
  await expect(results.locator('li', { hasText: 'the retired slot returns ENOSYS' })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('arm64-lab-checked.png'), fullPage: true });
});
