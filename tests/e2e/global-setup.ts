import { existsSync } from 'node:fs';
import { CHROMIUM } from '../../playwright.config.js';

// With CI=true a missing browser fails the run; elsewhere the specs skip themselves.
export default function globalSetup(): void {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI === 'true') {
      throw new Error(`Chromium not found at ${CHROMIUM}: .ci/run must install Debian's chromium package`);
    }
    process.env.SYSCALL_LAB_SKIP_E2E = `Chromium not found at ${CHROMIUM}`;
  }
}
