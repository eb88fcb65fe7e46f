// A renderer crash loses nothing: the program being typed and the open lab come back
// after the page is reloaded, with a notice saying what happened. The crash is real
// (chrome://crash kills the tab's renderer process); the reload is what Electron's main process does
// on render-process-gone (electron/main/crash-recovery.ts), done here by the test.
import { expect, test } from '@playwright/test';
import { useWebHost } from './web-host-process.js';

const host = useWebHost();

test('typed program and open lab survive a renderer crash', async ({ page, context }) => {
  test.setTimeout(90_000);
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Open lab Crossing the boundary' }).click();
  await page.getByRole('button', { name: /Open .*\(x86_64\) in the Playground/ }).first().click();
  await expect(page.getByText('Lab: ')).toContainText('Crossing the boundary');
  const editor = page.getByLabel('Program (x86-64, GNU as, Intel syntax)');
  const typed = '.intel_syntax noprefix\n# typed just before the crash\n.global _start\n_start:\n    mov eax, 60\n    syscall\n';
  await editor.fill(typed);
  // Let the debounced session write land (250 ms), then kill the renderer.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('syscall-lab.session') ?? '')).toContain('typed just before the crash');
  const crashed = page.waitForEvent('crash');
  await page.goto('chrome://crash').catch(() => undefined);
  await crashed;

  const after = await context.newPage();
  await after.goto(host.url);
  await expect(after.getByRole('alert')).toContainText('The window crashed and was reloaded');
  await expect(after.getByRole('tab', { name: 'Playground' })).toHaveAttribute('aria-selected', 'true');
  const restored = after.getByLabel('Program (x86-64, GNU as, Intel syntax)');
  await expect(restored).toContainText('# typed just before the crash');
  await expect(restored).toContainText('mov eax, 60');
  await expect(after.getByText('Lab: ')).toContainText('Crossing the boundary');
  // The Labs view reopens the lab that was open, not the list.
  await after.getByRole('tab', { name: 'Labs' }).click();
  await expect(after.locator('#lab-title')).toContainText('Crossing the boundary');
  await expect(after.getByRole('button', { name: '← All labs' })).toBeVisible();
});
