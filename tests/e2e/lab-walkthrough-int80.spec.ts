// A student works through "int 0x80 vs syscall": reads the steps, writes the program,
// steps into the kernel through both gates and compares the kernel-path timelines,
// then checks the work.
import { expect, test } from '@playwright/test';
import { DEFAULT_COSTS } from '../../core/cost/cost-table.js';
import { setProgram, solution, stepNumber } from './lab-editor.js';
import { useWebHost } from './web-host-process.js';

const host = useWebHost();

test('int 0x80 vs syscall: both gates stepped, timelines compared, work checked', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.goto(host.url);
  await page.getByRole('button', { name: /Open lab int 0x80/ }).click();
  const status = await stepNumber(page, /Leave through the old door with status \d+/);
  await page.getByRole('button', { name: /Open .*\(x86_64\) in the Playground/ }).first().click();
  await expect(page.getByText('Lab: ')).toContainText('int 0x80');
  // The reference solution, typed in as a student would.
  await setProgram(page, solution('int80-vs-syscall', { status }));

  // First gate: int 0x80 lands in entry_INT80_compat at CPL 0.
  await page.getByRole('button', { name: 'Run to syscall' }).click();
  await expect(page.getByLabel('Privilege level')).toHaveText('CPL 0 (kernel)');
  const disasm = page.getByRole('list', { name: 'Disassembly around the program counter' });
  await expect(disasm.locator('li[aria-current="step"]')).toContainText('entry_INT80_compat');
  await expect(disasm.locator('li[aria-current="step"]')).toContainText('swapgs');
  // The registers as the i386 ABI passed them: eax = 4 (write), ebx = 1.
  await expect(page.locator('tr[data-reg="rax"] code')).toHaveText('0x0000000000000004');
  await expect(page.locator('tr[data-reg="rbx"] code')).toHaveText('0x0000000000000001');

  // Second stop: the syscall gate. The int 0x80 pass is complete now.
  await page.getByRole('button', { name: 'Run to syscall' }).click();
  await expect(disasm.locator('li[aria-current="step"]')).toContainText('entry_SYSCALL_64');
  await page.getByRole('tab', { name: 'Kernel path' }).click();
  const timeline = page.getByRole('table', { name: 'Kernel path timeline' });
  await expect(timeline).toBeVisible();
  await expect(page.getByText('System call in progress')).toBeVisible();

  // Step through the syscall path to its sysretq and back to user mode.
  for (let i = 0; i < 60; i++) {
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    if ((await page.getByLabel('Privilege level').textContent()) === 'CPL 3 (user)') break;
  }
  await expect(page.getByLabel('Privilege level')).toHaveText('CPL 3 (user)');
  await expect(page.getByText('Last system call:')).toBeVisible();
  await expect(page.locator('.summary code')).toHaveText('write(1, "via syscall\\n", 12) = 12');
  // The 64-bit path switches stacks in code; every stage has its cycles. Only the handler's
  // can be fractional: it also copied the 12 bytes from the user buffer, copyByte each.
  for (const stage of ['syscall', 'swapgs', 'kernel-stack', 'pt_regs', 'dispatch', 'exit-work', 'sysret']) {
    await expect(timeline.locator(`tr[data-stage="${stage}"] td.cycles`)).toHaveText(/^\d+$/);
  }
  await expect(timeline.locator('tr[data-stage="handler"] td.cycles')).toHaveText(/^\d+(\.\d)?$/);
  const copied = (12 * DEFAULT_COSTS.copyByte).toLocaleString('en-US', { maximumFractionDigits: 1 });
  await expect(timeline.locator('tr[data-stage="handler"]')).toHaveAttribute('title', new RegExp(`copyByte: ${copied.replace('.', '\\.')}(,|$)`));
  await expect(timeline.locator('tr[data-stage="swapgs"] td').first()).toHaveText('1');
  await page.screenshot({ path: testInfo.outputPath('int80-syscall-timeline.png'), fullPage: true });

  // Run the rest: the third call is truncated to 32 bits and fails with EFAULT.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status')).toContainText(`Exited with status ${status}.`);
  const trace = page.getByRole('list', { name: 'System call trace' });
  await expect(trace).toContainText('write(1, "via int 0x80\\n\\n", 14) = 14');
  await page.getByLabel('Only this error').selectOption('EFAULT');
  await expect(trace.locator('li')).toHaveCount(1);
  await expect(trace.locator('li').first()).toContainText('= -1 EFAULT (Bad address)');
  await page.getByLabel('Only this error').selectOption('');

  await page.getByRole('button', { name: 'Check my work' }).click();
  const results = page.getByRole('region', { name: 'Check results' });
  await expect(results).toContainText(/Checks: \d+%/, { timeout: 60_000 });
  for (const name of ['a write through int 0x80 succeeds', 'a write through syscall succeeds', 'a stack pointer passed through int 0x80 gives EFAULT', 'exits through the i386 gate with your status', 'the exit call itself used int 0x80']) {
    await expect(results.locator('li', { hasText: name }).getByLabel('passed')).toBeVisible();
  }
  await page.screenshot({ path: testInfo.outputPath('int80-checked.png'), fullPage: true });
});
