import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { setProgram } from './lab-editor.js';
import { useWebHost } from './web-host-process.js';

const host = useWebHost();

const HELLO = `.intel_syntax noprefix
.globl _start
.text
_start:
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 14
    syscall
    mov eax, 60
    mov edi, 3
    syscall
msg: .ascii "hello, kernel\\n"
`;

test('a submission that does not build is not graded; a working one says how it ended; progress exports as a file', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Open lab Hello, kernel' }).click();
  // The student ticks off the first step; it is saved and survives a reload.
  const firstStep = page.getByRole('checkbox', { name: /^Step done: / }).first();
  await firstStep.check();
  await expect(page.getByText(/1 of \d+ steps done/)).toBeVisible();
  await page.waitForTimeout(800); // the host writes saves after a short debounce
  await page.reload();
  await expect(page.getByRole('checkbox', { name: /^Step done: / }).first()).toBeChecked();
  const stepId = await page.locator('ol.steps > li').first().getAttribute('id');
  await page.getByRole('button', { name: /Open .*\(x86_64\) in the Playground/ }).first().click();
  await expect(page.getByRole('tab', { name: 'Playground' })).toHaveAttribute('aria-selected', 'true');

  await setProgram(page, HELLO.replace('    mov edi, 3\n', '    frob edi\n'));
  await page.getByRole('button', { name: 'Check my work' }).click();
  const results = page.getByRole('region', { name: 'Check results' });
  await expect(results.getByRole('heading', { name: 'Not graded' })).toBeVisible({ timeout: 60_000 });
  await expect(results).toContainText(/main\.s:11:5: error: .*frob/);

  await setProgram(page, HELLO);
  await page.getByRole('button', { name: 'Check my work' }).click();
  await expect(results).toContainText(/Checks: \d+%/, { timeout: 60_000 });
  await expect(results).toContainText('The program exited with status 3.');
  await page.screenshot({ path: testInfo.outputPath('graded.png'), fullPage: true });

  // Back in the lab, the student exports their progress for the instructor.
  await page.getByRole('tab', { name: 'Labs' }).click();
  // Saving the draft and the result did not undo the ticked step.
  await expect(page.getByRole('checkbox', { name: /^Step done: / }).first()).toBeChecked();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: /Export my progress in / }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('boundary-progress.json');
  const doc = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
    format: string;
    seed: string;
    labs: Record<string, { stepsDone: string[]; drafts: Record<string, string>; results?: { message?: string } }>;
  };
  expect(doc.format).toBe('syscall-lab-progress');
  expect(doc.seed).toMatch(/^[0-9a-f]{16}$/);
  expect(doc.labs['hello-kernel']?.drafts['main.s']).toBe(HELLO);
  expect(doc.labs['hello-kernel']?.stepsDone).toEqual([stepId?.replace(/^step-/, '')]);
  expect(doc.labs['hello-kernel']?.results?.message).toBe('The program exited with status 3.');
  await expect(page.getByRole('status').filter({ hasText: 'Saved boundary-progress.json' })).toBeVisible();

  // The lab list shows how far the student got.
  await page.getByRole('button', { name: '← All labs' }).click();
  await expect(page.getByRole('button', { name: 'Open lab Hello, kernel' })).toHaveAccessibleDescription(/^1 of 3 steps done · last check \d+%$/);
});

test('Stop ends a runaway "Check my work" and the result says so', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Open lab Hello, kernel' }).click();
  await page.getByRole('button', { name: /Open .*\(x86_64\) in the Playground/ }).first().click();
  await setProgram(page, '.intel_syntax noprefix\n.globl _start\n.text\n_start:\n1:  jmp 1b\n');
  await page.getByRole('button', { name: 'Check my work' }).click();
  await expect(page.getByText('Checking your work: running the program to its end')).toBeVisible();
  await page.getByRole('button', { name: 'Stop' }).click();
  const results = page.getByRole('region', { name: 'Check results' });
  await expect(results).toContainText('The program did not finish: the run was stopped before it exited.', { timeout: 60_000 });
  await expect(results).toContainText('got no exit (the run was stopped before it exited)');
});
