// The workbench the way a student uses it: a typo shows up inline, the fix runs, a
// breakpoint set in the gutter stops the run, F10 steps over a call, Shift+F11 steps
// back, F1 lists the shortcuts, and nothing is written to the console as an error.

import { expect, test, type Page } from '@playwright/test';
import { useWebHost } from './web-host-process.js';

const host = useWebHost();

const PROGRAM = [
  '.intel_syntax noprefix',
  '.global _start',
  '.text',
  '_start:',
  '    mov rdi, 5',
  '    call fact              # F10 runs the whole call',
  '    mov rbx, rax',
  '    mov rax, 60',
  '    xor edi, edi',
  '    syscall',
  'fact:',
  '    cmp rdi, 1',
  '    jbe 1f',
  '    push rdi',
  '    dec rdi',
  '    call fact',
  '    pop rdi',
  '    imul rax, rdi',
  '    ret',
  '1:  mov rax, 1',
  '    ret',
  '',
].join('\n');
const CALL_LINE = 6;
const TYPO_LINE = 7;

/** Errors in the console or uncaught exceptions fail the test. */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

async function clickGutter(page: Page, line: number): Promise<void> {
  const row = (await page.locator('.cm-line').nth(line - 1).boundingBox())!;
  const gutter = (await page.locator('.cm-breakpoint-gutter').boundingBox())!;
  await page.mouse.click(gutter.x + gutter.width / 2, row.y + row.height / 2);
}

test('type, see the error inline, fix, break, step over, step back, help', async ({ page }, testInfo) => {
  const consoleErrors = watchConsole(page);
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Playground' }).click();
  const editor = page.getByLabel('Program (x86-64, GNU as, Intel syntax)');

  // 1. A typo: the error is underlined on its own line.
  await editor.fill(PROGRAM.replace('    mov rbx, rax', '    mvo rbx, rax'));
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('The program does not assemble (1 error).');
  const typoLine = page.locator('.cm-line').nth(TYPO_LINE - 1);
  await expect(typoLine.locator('.cm-lintRange-error')).toHaveText('mvo');
  await expect(page.locator('.cm-lintRange-error')).toHaveCount(1);
  await expect(page.getByRole('list', { name: 'Assembler errors' })).toContainText(`line ${TYPO_LINE}, column 5: unknown mnemonic 'mvo'`);
  await page.screenshot({ path: testInfo.outputPath('workbench-error.png'), fullPage: true });

  // 2. Fixed: the diagnostic goes away once it assembles.
  await editor.fill(PROGRAM);
  // 3. A breakpoint on the call, by clicking the gutter.
  await clickGutter(page, CALL_LINE);
  await expect(page.locator('.cm-breakpoint-dot')).toHaveCount(1);
  await page.keyboard.press('F5');
  await expect(page.getByRole('status')).toHaveText(new RegExp(`^Breakpoint at 0x[0-9a-f]+ \\(line ${CALL_LINE}\\) in CPL 3`));
  await expect(page.locator('.cm-lintRange-error')).toHaveCount(0);
  await expect(page.locator('.cm-current-instruction')).toContainText('call fact');
  const rax = page.locator('tr[data-reg="rax"] code');
  const raxBefore = await rax.textContent();

  // 4. Step over the call: fact(5) = 120 is in RAX, the next line is current.
  await page.keyboard.press('F10');
  await expect(rax).toHaveText('0x0000000000000078');
  await expect(page.locator('.cm-current-instruction')).toContainText('mov rbx, rax');
  await expect(page.locator('tr[data-reg="rax"]')).toHaveClass(/changed/);

  // 5. Step back: the registers are the ones before the call again.
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(rax).toHaveText(raxBefore!);
  await expect(page.locator('.cm-current-instruction')).toContainText('call fact');
  await page.screenshot({ path: testInfo.outputPath('workbench-step-back.png'), fullPage: true });

  // 6. Help: F1 opens the shortcut list, Escape closes it.
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Step over');
  await expect(help).toContainText('Shift+F11');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  expect(consoleErrors).toEqual([]);
});

test('every control is named and reachable by keyboard; panel sizes are remembered', async ({ page }) => {
  const consoleErrors = watchConsole(page);
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Playground' }).click();
  const toolbar = page.getByRole('toolbar', { name: 'Run controls' });
  for (const name of ['Run', 'Run to syscall', 'Step', 'Step over', 'Step back', 'Stop', 'Reset']) {
    await expect(toolbar.getByRole('button', { name, exact: true })).toBeVisible();
  }
  // The column divider moves with the arrow keys and keeps its place after a reload.
  const divider = page.getByRole('separator', { name: 'Resize the program and machine panels' });
  await divider.focus();
  const before = Number(await divider.getAttribute('aria-valuenow'));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(divider).toHaveAttribute('aria-valuenow', String(before + 4));
  await page.reload();
  await expect(page.getByRole('separator', { name: 'Resize the program and machine panels' })).toHaveAttribute('aria-valuenow', String(before + 4));
  // F11 from the keyboard steps; the status names where the machine stopped.
  await page.keyboard.press('F11');
  await expect(page.getByRole('status')).toHaveText(/^Stopped at 0x/);
  expect(consoleErrors).toEqual([]);
});
