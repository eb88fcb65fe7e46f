import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'layers-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function check(root: string) {
  const r = spawnSync(process.execPath, ['scripts/check-layers.js', '--root', root], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

const clean = {
  'core/a.ts': "import { b } from './b.js';\nexport const a = b + 1;\n",
  'core/b.ts': 'export const b = 1; // Date.now() in a comment is fine\n',
  'electron/common/c.ts': "import type { a } from '../../core/a.js';\nexport type C = typeof a;\n",
  'electron/host/h.ts': "import { readFileSync } from 'node:fs';\nimport { a } from '../../core/a.js';\nexport const h = [readFileSync, a];\n",
  'electron/main/m.ts': "import { app } from 'electron';\nimport { h } from '../host/h.js';\nexport const m = [app, h];\n",
  'renderer/src/App.svelte': "<script lang=\"ts\">\n  import { onMount } from 'svelte';\n  import type { C } from '../../electron/common/c.js';\n</script>\n",
};

describe('layer check', () => {
  it('passes the real repository', () => {
    const r = check('.');
    expect(r.out).toContain('Layer check passed');
    expect(r.status).toBe(0);
  });

  it('passes a clean planted tree', () => {
    expect(check(tree(clean)).status).toBe(0);
  });

  it('does not mistake a string ending in "import" for an import', () => {
    const r = check(tree({ ...clean, 'electron/common/names.ts': "export const names = ['packs.import', 'x'];\n" }));
    expect(r.out).toContain('Layer check passed');
  });

  it.each([
    ['core importing node', 'core/x.ts', "import { readFileSync } from 'node:fs';\n", "core may not import 'node:fs'"],
    ['core importing the host', 'core/x.ts', "import { h } from '../electron/host/h.js';\n", 'core may not import from host'],
    ['core reading the clock', 'core/x.ts', 'export const t = Date.now();\n', 'core/ may not use Date.now()'],
    ['core using Math.random', 'core/x.ts', 'export const r = Math.random();\n', 'core/ may not use Math.random()'],
    ['core using process', 'core/x.ts', 'export const e = process.env;\n', 'core/ may not use process'],
    ['host importing electron', 'electron/host/x.ts', "import { app } from 'electron';\n", "host may not import 'electron'"],
    ['common value-importing core', 'electron/common/x.ts', "import { a } from '../../core/a.js';\n", "common may only 'import type' from core"],
    ['renderer importing node', 'renderer/src/x.ts', "import { join } from 'node:path';\n", "renderer may not import 'node:path'"],
    ['renderer importing the host', 'renderer/src/x.ts', "import { h } from '../../electron/host/h.js';\n", 'renderer may not import from host'],
    ['renderer importing an unlisted package', 'renderer/src/x.ts', "import WebSocket from 'ws';\n", "renderer may not import package 'ws'"],
    ['svelte component importing fs', 'renderer/src/X.svelte', "<script lang=\"ts\">\n  import fs from 'fs';\n</script>\n", "renderer may not import 'fs'"],
    ['code in labs/', 'labs/pack/evil.js', "export default 1;\n", 'labs/ holds data only'],
    ['a side-effect import of node in core', 'core/x.ts', "import 'node:fs';\n", "core may not import 'node:fs'"],
  ])('catches %s', (_name, path, text, message) => {
    const r = check(tree({ ...clean, [path]: text }));
    expect(r.status).toBe(1);
    expect(r.out).toContain(message);
    expect(r.out).toContain(path.split('/').pop());
  });
});
