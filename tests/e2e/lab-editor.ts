// Typing a program the way a student does, whichever editor the Playground shows:
// the CodeMirror editor (select all, type) or the plain textarea.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

/** A lab's reference solution (tests/fixtures/solutions/boundary/), with its parameters filled in. */
export function solution(lab: string, params: Record<string, number>): string {
  const text = readFileSync(new URL(`../fixtures/solutions/boundary/${lab}.s`, import.meta.url), 'utf8');
  return text.replace(/\{\{params\.(\w+)\}\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`no value for params.${name}`);
    return String(v);
  });
}

export async function setProgram(page: Page, text: string): Promise<void> {
  // CodeMirror mounts a moment after the Playground opens (longer on a loaded machine):
  // wait for one editor or the other before choosing.
  await page.locator('.cm-content, textarea#source').first().waitFor();
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
