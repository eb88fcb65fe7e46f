// The electronegativity gate: the real electron/ passes, an unexplained finding fails,
// a finding with a reason beside it passes, and eng-disable (no reason) is refused.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'eng-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function scan(dir: string) {
  const r = spawnSync(process.execPath, ['scripts/electronegativity.js', dir], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: r.stdout + r.stderr };
}

const CSP = "// electronegativity CSP_GLOBAL_CHECK: set at run time in the protocol handler\n";
// A minimal main process that passes every check except what a test plants.
const window = (extra: string) =>
  `import { app, BrowserWindow, session } from 'electron';\n` +
  `session.defaultSession.setPermissionRequestHandler((_wc, _p, cb) => cb(false));\n` +
  `app.on('web-contents-created', (_e, c) => { c.on('will-navigate', (e) => e.preventDefault()); c.setWindowOpenHandler(() => ({ action: 'deny' })); });\n` +
  `export const w = new BrowserWindow({\n  webPreferences: { contextIsolation: true, sandbox: true, disableBlinkFeatures: 'Auxclick', ${extra} },\n});\n`;

describe('electronegativity gate', () => {
  it('passes the real electron/ folder offline', () => {
    const r = scan('electron');
    expect(r.out).toMatch(/electronegativity: \d+ checks, \d+ finding\(s\), all explained/);
    expect(r.status).toBe(0);
  });

  it('fails on an unexplained finding and names it', () => {
    const r = scan(tree({ 'main/main.ts': CSP + window('webSecurity: false') }));
    expect(r.status).toBe(1);
    expect(r.out).toContain('WEB_SECURITY_JS_CHECK');
    expect(r.out).toMatch(/main\/main\.ts:\d+/);
  });

  it('accepts a finding explained beside it', () => {
    const text = CSP + window('\n    // electronegativity WEB_SECURITY_JS_CHECK: planted for this test, the window loads nothing\n    webSecurity: false');
    const r = scan(tree({ 'main/main.ts': text }));
    expect(r.out).toContain('2 finding(s), all explained (2)');
    expect(r.status).toBe(0);
  });

  it('fails a global finding with no explanation anywhere', () => {
    const r = scan(tree({ 'main/main.ts': window('') }));
    expect(r.status).toBe(1);
    expect(r.out).toContain('CSP_GLOBAL_CHECK');
  });

  it('refuses eng-disable annotations, which silence a check without a reason', () => {
    const r = scan(tree({ 'main/main.ts': CSP + window('webSecurity: false /* eng-disable WEB_SECURITY_JS_CHECK */') }));
    expect(r.status).toBe(1);
    expect(r.out).toContain('eng-disable');
  });
});
