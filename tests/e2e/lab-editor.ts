// Typing a program the way a student does, whichever editor the Playground shows:
// the CodeMirror editor (select all, type) or the plain textarea.
import type { Page } from '@playwright/test';

export async function setProgram(page: Page, text: string): Promise<void> {
  const cm = page.locator('.cm-content');
  if ((await cm.count()) > 0) {
    await cm.first().click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(text);
    return;
  }
  await page.locator('textarea#source').fill(text);
}

/** The number in a step title such as "Grow the heap by 131072 bytes". */
export async function stepNumber(page: Page, title: RegExp): Promise<number> {
  const text = (await page.getByRole('heading', { name: title }).first().textContent()) ?? '';
  const m = /(\d+)/.exec(text);
  if (!m) throw new Error(`no number in step title '${text}'`);
  return Number(m[1]);
}
