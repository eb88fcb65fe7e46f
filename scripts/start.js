#!/usr/bin/env node
// `npm start`: build what is missing, then open the Electron window. Where the Electron
// binary is not installed (it cannot be downloaded offline), say so in one line and
// open the same app in the system Chromium as an app window, backed by the web host.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function buildIfMissing() {
  const steps = [
    ['build:node', join(root, 'dist/electron/host/cli/main.js')],
    ['build:renderer', join(root, 'renderer/dist/index.html')],
  ];
  for (const [script, output] of steps) {
    if (existsSync(output) && !process.argv.includes('--rebuild')) continue;
    process.stdout.write(`Building (${script})…\n`);
    const r = spawnSync(npm, ['run', '-s', script], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

/**
 * The Electron binary's path, or null when the package is installed without it.
 * Read electron's path.txt ourselves: require('electron') would try to download a
 * missing binary, and nothing here may reach the network.
 */
function electronBinary() {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function findChromium() {
  const candidates = [process.env.SYSCALL_LAB_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((c) => c && existsSync(c)) ?? null;
}

function startWebHost() {
  const child = spawn(process.execPath, [join(root, 'bin/syscall-lab.js'), 'web'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
      if (m) resolve({ url: m[1], child });
    });
    child.once('exit', (code) => reject(new Error(`the web host exited with code ${code}`)));
  });
}

buildIfMissing();
const electron = electronBinary();
if (electron) {
  const child = spawn(electron, [root], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stdout.write('Electron is not installed on this machine, so Syscall Lab opens in Chromium as an app window instead.\n');
  const { url, child: host } = await startWebHost();
  const stop = () => host.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const chromium = process.env.SYSCALL_LAB_NO_BROWSER ? null : findChromium();
  if (!chromium) {
    process.stdout.write(`Open ${url} in Chromium or Chrome. Press Ctrl+C to stop.\n`);
  } else {
    const profile = mkdtempSync(join(tmpdir(), 'syscall-lab-chromium-'));
    const browser = spawn(
      chromium,
      [`--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
      { stdio: 'ignore' },
    );
    browser.on('exit', (code) => {
      if (code !== 0) process.stdout.write(`Chromium closed (status ${code}). The lab is still serving at ${url}; press Ctrl+C to stop.\n`);
      else stop();
    });
  }
  host.on('exit', (code) => process.exit(code ?? 0));
}
