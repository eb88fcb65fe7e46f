// Starts `syscall-lab web` as a real child process (the same way a user would) and
// reads the URL it prints.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '@playwright/test';

export interface WebHostProcess {
  url: string;
  child: ChildProcess;
  userData: string;
  stop(): Promise<void>;
}

export function startWebHostProcess(extraArgs: string[] = []): Promise<WebHostProcess> {
  const userData = mkdtempSync(join(tmpdir(), 'syscall-lab-e2e-'));
  const child = spawn(process.execPath, ['bin/syscall-lab.js', 'web', '--user-data', userData, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`web host did not print its URL in time\n${out}\n${err}`)), 20_000);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          child,
          userData,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code}\n${err}`));
    });
  });
}

/**
 * One web host for the spec file that calls this at its top level: started before its
 * tests (skipped when the browser is missing outside CI) and stopped after them.
 */
export function useWebHost(extraArgs: string[] = []): WebHostProcess {
  let started: WebHostProcess | undefined;
  test.beforeAll(async () => {
    test.skip(Boolean(process.env.SYSCALL_LAB_SKIP_E2E), process.env.SYSCALL_LAB_SKIP_E2E);
    started = await startWebHostProcess(extraArgs);
  });
  test.afterAll(async () => {
    await started?.stop();
  });
  const running = (): WebHostProcess => {
    if (!started) throw new Error('the web host is not running (its beforeAll failed or was skipped)');
    return started;
  };
  return {
    get url() {
      return running().url;
    },
    get child() {
      return running().child;
    },
    get userData() {
      return running().userData;
    },
    stop: () => running().stop(),
  };
}
