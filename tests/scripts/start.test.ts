import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Not require('electron'): with the binary missing, that tries to download it.
function electronInstalled(): boolean {
  const pathFile = join('node_modules', 'electron', 'path.txt');
  return existsSync(pathFile) && existsSync(join('node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim()));
}

describe('npm start without the Electron binary', () => {
  it.skipIf(electronInstalled())('says so in one line, then serves the app and prints its URL', async () => {
    const child = spawn(process.execPath, ['scripts/start.js'], { env: { ...process.env, SYSCALL_LAB_NO_BROWSER: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), 60_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (/Open http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const notices = out.split('\n').filter((l) => l.startsWith('Electron is not installed'));
    expect(notices).toHaveLength(1);
    const url = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out)![1]!;
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app">');
    child.kill('SIGTERM');
    const status = await new Promise((resolve) => child.once('exit', resolve));
    expect(status).toBe(0);
  });
});
