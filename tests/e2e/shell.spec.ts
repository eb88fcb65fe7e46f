import { expect, test } from '@playwright/test';
import { useWebHost } from './web-host-process.js';

const host = useWebHost();

test('opens through the web host, lists labs from the host, moves between views', async ({ page }, testInfo) => {
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  await page.goto(host.url);

  await expect(page.getByRole('heading', { name: 'Syscall Lab' })).toBeVisible();
  const labsTab = page.getByRole('tab', { name: 'Labs' });
  await expect(labsTab).toHaveAttribute('aria-selected', 'true');

  // The lab list comes from labs/ through the host, not from the bundle.
  const lab = page.getByRole('button', { name: 'Open lab Hello, kernel' });
  await expect(lab).toBeVisible();
  await lab.click();
  await expect(page.getByRole('heading', { name: 'Hello, kernel', level: 2 })).toBeVisible();
  // The lab's steps and checks come from labs/boundary through the pack loader.
  await expect(page.getByRole('heading', { name: 'What will be checked' })).toBeVisible();
  await page.getByRole('button', { name: '← All labs' }).click();

  await page.getByRole('tab', { name: 'Playground' }).click();
  await expect(page.getByRole('tab', { name: 'Playground' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Program (x86-64, GNU as, Intel syntax)')).toContainText('Direct write call');

  // Keyboard: Ctrl+3 jumps to Probes, ArrowLeft goes back to Playground.
  await page.keyboard.press('Control+3');
  await expect(page.getByRole('tab', { name: 'Probes' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: 'Probes' }).press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Playground' })).toHaveAttribute('aria-selected', 'true');

  await page.screenshot({ path: testInfo.outputPath('shell-playground.png'), fullPage: true });
  expect(consoleErrors).toEqual([]);
});

test('the theme toggle switches to dark and is remembered across a reload', async ({ page }, testInfo) => {
  await page.goto(host.url);
  const html = page.locator('html');
  const toggle = page.getByRole('button', { name: /Switch to (dark|light) theme/ });
  await expect(toggle).toBeVisible();
  const before = await html.getAttribute('data-theme');
  await toggle.click();
  const after = before === 'dark' ? 'light' : 'dark';
  await expect(html).toHaveAttribute('data-theme', after);
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', after);
  await page.screenshot({ path: testInfo.outputPath(`shell-${after}.png`), fullPage: true });
});

test('a page without the token is refused', async ({ page }) => {
  const bare = host.url.replace(/\?token=.*$/, '');
  const response = await page.goto(bare);
  expect(response?.status()).toBe(403);
});
