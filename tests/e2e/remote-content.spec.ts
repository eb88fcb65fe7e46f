// Lab text never reaches off the machine: a pack whose step shows a remote image is
// refused at import (with the reason), opening a lab whose step links to a remote page
// loads nothing but 127.0.0.1 (the lab's own image comes inlined), and clicking that
// link shows its address instead of navigating the app away.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { useWebHost } from './web-host-process.js';

const host = useWebHost();
const dir = mkdtempSync(join(tmpdir(), 'syscall-lab-remote-e2e-'));

/** Packs a copy of the example pack whose first step also shows `extra` Markdown, or says why `pack build` refused it. */
function buildPack(name: string, extra: string): { file: string } | { refused: string } {
  const src = join(dir, name);
  cpSync('tests/fixtures/packs/example', src, { recursive: true });
  const lab = join(src, 'labs/hello-write/lab.yaml');
  const yaml = readFileSync(lab, 'utf8');
  const anchor = '      Run the starter and find the `write` line in the trace.';
  if (!yaml.includes(anchor)) throw new Error('example pack changed: update this test');
  // Its own title: the built-in pack has a lab called "Hello, kernel" too.
  writeFileSync(lab, yaml.replace('title: Hello, kernel', 'title: Remote content check').replace(anchor, `      ${extra}\n\n${anchor}`));
  const file = join(dir, `${name}.labpack`);
  try {
    execFileSync(process.execPath, ['bin/syscall-lab.js', 'pack', 'build', src, '-o', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    return { file };
  } catch (e) {
    return { refused: String((e as { stderr?: Buffer }).stderr ?? e) };
  }
}

test('a remote image in a step is refused and a remote link loads nothing', async ({ page }) => {
  const offHost: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1') offHost.push(r.url());
  });

  // The authoring tool already says why a remote image cannot ship.
  const withImage = buildPack('remote-image', '![a remote picture](https://example.com/a.png)');
  expect('refused' in withImage ? withImage.refused : 'built').toContain('no remote images');

  const withLink = buildPack('remote-link', 'See [a remote page](https://example.com/page).');
  if (!('file' in withLink)) throw new Error(`pack build refused the remote link: ${withLink.refused}`);

  await page.goto(host.url);
  await page.getByLabel('Import a lab pack…').setInputFiles(withLink.file);
  await expect(page.getByRole('status')).toContainText(/Imported \S+ \S+ \(2 labs\)/);
  await page.getByRole('button', { name: 'Open lab Remote content check' }).click();
  await expect(page.getByRole('heading', { name: 'Remote content check', level: 2 })).toBeVisible();

  const link = page.getByRole('link', { name: 'a remote page' });
  await expect(link).toHaveAttribute('href', 'https://example.com/page');
  await expect(link).toHaveAttribute('data-external', 'true');
  // No <img> in the page points off the host.
  const srcs = await page.locator('img').evaluateAll((els) => els.map((e) => (e as HTMLImageElement).src));
  expect(srcs.filter((s) => !s.startsWith('data:') && !s.startsWith('blob:') && new URL(s).hostname !== '127.0.0.1')).toEqual([]);
  // The lab's own picture is shown (inlined by the host), not left as alt text.
  const picture = page.getByRole('img', { name: 'The user/kernel boundary' });
  await expect(picture).toBeVisible();
  expect(await picture.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

  // Following the remote link would take the app's window away from the lab: the click
  // is stopped and the address shown instead.
  const before = page.url();
  await link.click();
  await expect(page.getByRole('status').filter({ hasText: 'leads outside the lab' })).toContainText('https://example.com/page');
  expect(page.url()).toBe(before);
  await expect(page.getByRole('heading', { name: 'Remote content check', level: 2 })).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByText('leads outside the lab')).toHaveCount(0);

  await page.waitForLoadState('networkidle');
  expect(offHost).toEqual([]);
});
