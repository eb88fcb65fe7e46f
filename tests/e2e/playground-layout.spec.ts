// The Playground at the narrow window sizes a laptop gives it: from 1024 px up the
// editor, the register table and the machine views sit side by side without
// overlapping, and nothing spills out of the window sideways, even with a source
// line far wider than the editor (the lab solutions' commented syscalls) and the
// editor dragged to its widest.
import { expect, test, type Locator } from '@playwright/test';
import { setProgram } from './lab-editor.js';
import { useWebHost } from './web-host-process.js';

const host = useWebHost();

async function box(l: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await l.boundingBox();
  expect(b, 'element is laid out').not.toBeNull();
  return b!;
}

const intersects = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

// The book's listing with a comment as long as the address-space solution's mmap line.
const WIDE = `.intel_syntax noprefix
.global _start
.text
_start:
    mov rax, 1              # write(1, msg, 17): ${'a very long comment that runs well past the editor edge, '.repeat(2)}
    mov rdi, 1
    lea rsi, [rip + msg]
    mov rdx, 17
    syscall
    mov rax, 60
    xor edi, edi
    syscall
.data
msg: .ascii "Direct write call"
`;

// The widest split is saved by the host: those cases run last.
for (const split of ['default', 'widest'] as const) {
  for (const width of [1024, 1280]) {
    test(`at ${width} px (editor ${split}) the editor and the register panel do not overlap`, async ({ page }, testInfo) => {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(host.url);
      await page.getByRole('tab', { name: 'Playground' }).click();
      await setProgram(page, WIDE);
      if (split === 'widest') {
        await page.getByRole('separator', { name: 'Resize the program and machine panels' }).focus();
        await page.keyboard.press('End');
      }
      await page.getByRole('button', { name: 'Run to syscall' }).click();
      await expect(page.getByLabel('Privilege level')).toHaveText('CPL 0 (kernel)');
      const editor = page.locator('.editor-pane');
      const registers = page.getByRole('table', { name: 'Registers' });
      const machine = page.getByRole('region', { name: 'Machine state' });
      const [e, r, m] = [await box(editor), await box(registers), await box(machine)];
      expect(intersects(e, r), `editor ${JSON.stringify(e)} vs registers ${JSON.stringify(r)}`).toBe(false);
      expect(intersects(e, m), `editor ${JSON.stringify(e)} vs machine ${JSON.stringify(m)}`).toBe(false);
      // Side by side, each inside the window.
      expect(e.x + e.width).toBeLessThanOrEqual(r.x);
      expect(r.x + r.width).toBeLessThanOrEqual(width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: testInfo.outputPath(`playground-${width}-${split}.png`) });
    });
  }
}
