// A student works through "Address-space layout and ASLR": grows the heap, maps
// anonymous memory, reads the map in the emulator and on the host, compares seeded
// runs to see what ASLR moves, and checks the work.
import { expect, test } from '@playwright/test';
import { setProgram, solution, stepNumber } from './lab-editor.js';
import { useWebHost } from './web-host-process.js';

const host = useWebHost();

test('address space: heap and mmap in the map, emulated beside native, ASLR across seeds, work checked', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Open lab Address-space layout and ASLR' }).click();
  const heap = await stepNumber(page, /Grow the heap by \d+ bytes/);
  const map = await stepNumber(page, /Map \d+ anonymous bytes/);
  await page.getByRole('button', { name: /Open .*\(x86_64\) in the Playground/ }).first().click();
  await setProgram(page, solution('address-space', { heap, map }));

  // Stop inside the program, after the mmap (at the entry of the next call, open).
  await page.getByRole('button', { name: 'Run to syscall' }).click(); // brk(0)
  await page.getByRole('button', { name: 'Run to syscall' }).click(); // brk(end)
  await page.getByRole('button', { name: 'Run to syscall' }).click(); // mmap
  await page.getByRole('button', { name: 'Run to syscall' }).click(); // open
  await expect(page.getByLabel('Privilege level')).toHaveText('CPL 0 (kernel)');
  await expect(page.locator('tr[data-reg="rax"] code')).toHaveText('0x0000000000000002');

  await page.getByRole('tab', { name: 'Address space' }).click();
  const emulated = page.getByRole('img', { name: /^Emulated/ });
  await expect(emulated).toBeVisible();
  for (const label of ['[heap]', '[stack]', '[vdso]', '[vvar]', 'a.out', 'kernel text (entry code)']) {
    await expect(emulated.locator(`g.region[data-label="${label}"]`).first()).toBeVisible();
  }
  // The anonymous mapping is there with exactly the lab's size.
  const sizes = await emulated.locator('g.region[data-label="anonymous"] text.rlabel').allTextContents();
  const kib = map / 1024;
  expect(sizes.some((t) => t.includes(`${kib} KiB`))).toBe(true);
  await expect(emulated).toContainText('non-canonical hole');
  // Split as x86-64 splits it: the stack in the 47-bit user half, the kernel's regions above the hole.
  await expect(emulated).toHaveAttribute('data-arch', 'x86_64');
  await expect(emulated).toContainText('0x0000800000000000');
  await expect(emulated.locator('g.region[data-label="[stack]"]')).toHaveAttribute('data-part', 'user');
  await expect(emulated.locator('g.region[data-label="kernel text (entry code)"]')).toHaveAttribute('data-part', 'kernel');

  // The memory view at the address mmap returned (read off the trace): the fresh page is untouched.
  const mmapLine = (await page.getByRole('list', { name: 'System call trace' }).locator('li', { hasText: /^mmap\(/ }).textContent()) ?? '';
  const addr = / = (0x[0-9a-f]+)$/.exec(mmapLine.trim())?.[1];
  expect(addr).toBeDefined();
  await page.getByRole('tab', { name: 'Memory' }).click();
  await page.getByLabel('Memory address').fill(addr!);
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByText(/has not touched this page yet/)).toBeVisible();
  // A non-canonical address is refused with the reason.
  await page.getByLabel('Memory address').fill('0x0000900000000000');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'non-canonical' })).toBeVisible();

  // Native beside emulated: the maps probe on this machine.
  await page.getByRole('tab', { name: 'Address space' }).click();
  await page.getByRole('button', { name: "Read this machine's maps (native)" }).click();
  const native = page.getByRole('img', { name: /^Native/ });
  await expect(native).toBeVisible({ timeout: 120_000 });
  await expect(native.locator('g.region[data-label="[stack]"]')).toBeVisible();

  // ASLR: four seeds; the stack moves, the non-PIE executable does not.
  await page.getByRole('button', { name: /Compare 4 emulated runs/ }).click();
  const aslr = page.getByRole('table', { name: 'ASLR across emulated runs' });
  await expect(aslr).toBeVisible({ timeout: 60_000 });
  await expect(aslr.locator('tr[data-region="[stack]"] td').first()).toHaveText('yes');
  await expect(aslr.locator('tr[data-region="a.out"] td').first()).toHaveText('no');
  await expect(page.getByRole('img', { name: 'seed 4' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('address-space-map.png'), fullPage: true });

  // Finish the run and check.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Exited with status 0.');
  await expect(page.getByLabel('Program output')).toContainText('[heap]');
  await page.getByRole('button', { name: 'Check my work' }).click();
  const results = page.getByRole('region', { name: 'Check results' });
  await expect(results).toContainText('Checks: 100%', { timeout: 60_000 });
  await page.screenshot({ path: testInfo.outputPath('address-space-checked.png'), fullPage: true });
});
