import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { useWebHost } from './web-host-process.js';

const host = useWebHost();
const dir = mkdtempSync(join(tmpdir(), 'syscall-lab-import-e2e-'));

test('a .labpack picked in the app is validated, installed and listed; a broken one is refused with the reason', async ({ page }) => {
  const good = join(dir, 'example.labpack');
  execFileSync(process.execPath, ['bin/syscall-lab.js', 'pack', 'build', 'tests/fixtures/packs/example', '-o', good]);
  const bad = join(dir, 'broken.labpack');
  writeFileSync(bad, 'this is not a zip file');

  await page.goto(host.url);
  const picker = page.getByLabel('Import a lab pack…');
  await picker.setInputFiles(bad);
  await expect(page.getByRole('alert')).toContainText('broken.labpack was not imported');

  await picker.setInputFiles(good);
  await expect(page.getByRole('status')).toContainText(/Imported \S+ \S+ \(2 labs\)/);
  // The example pack's labs join the built-in ones.
  await expect(page.getByRole('button', { name: /Open lab / })).toHaveCount(16);
});

test('a pack larger than one message is sent in chunks and installed', async ({ page }) => {
  // 6 MiB of noise does not compress: the .labpack is bigger than the web host's 8 MiB frames allow as base64.
  const src = join(dir, 'big');
  cpSync('tests/fixtures/packs/example', src, { recursive: true });
  writeFileSync(join(src, 'labpack.yaml'), readFileSync(join(src, 'labpack.yaml'), 'utf8').replace('id: example.syscall-lab', 'id: big.example'));
  writeFileSync(join(src, 'labs', 'hello-write', 'img', 'noise.bin'), randomBytes(6 * 1024 * 1024));
  const big = join(dir, 'big.labpack');
  execFileSync(process.execPath, ['bin/syscall-lab.js', 'pack', 'build', src, '-o', big]);

  await page.goto(host.url);
  await page.getByLabel('Import a lab pack…').setInputFiles(big);
  await expect(page.getByRole('status')).toContainText(/Imported big\.example 1\.2\.0 \(2 labs\)\. Warnings: .*noise\.bin/, { timeout: 30_000 });
});
