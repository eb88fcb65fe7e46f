#!/usr/bin/env node
// Enforces DESIGN.md's layer table: which folder may import what, and which globals
// core/ may not touch. Exit 0 when clean, 1 with one line per violation.
// Usage: node scripts/check-layers.js [--root DIR]

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const args = process.argv.slice(2);
const rootIdx = args.indexOf('--root');
const root = resolve(rootIdx === -1 ? '.' : args[rootIdx + 1]);

const SOURCE = /\.(ts|cts|mts|js|mjs|cjs|svelte)$/;
const SKIP = new Set(['node_modules', 'dist', '.git', 'test-results', 'release']);

/** Layer of a repo-relative path, or null when the path is outside every layer. */
function layerOf(rel) {
  const p = rel.split(sep).join('/');
  if (p.startsWith('core/')) return 'core';
  if (p.startsWith('electron/common/')) return 'common';
  if (p.startsWith('electron/host/')) return 'host';
  if (p.startsWith('electron/main/')) return 'main';
  if (p.startsWith('electron/preload/')) return 'preload';
  if (p.startsWith('renderer/')) return 'renderer';
  if (p.startsWith('labs/')) return 'labs';
  return null;
}

// What each layer may import, by target layer ('pkg:NAME' for packages).
const RENDERER_PACKAGES = [/^svelte(\/|$)/, /^chart\.js(\/|$)/, /^codemirror$/, /^@codemirror\//, /^@lezer\//, /^marked$/, /^dompurify$/];
const RULES = {
  core: { layers: { core: 'value' }, node: false, electron: false, packages: [] },
  common: { layers: { common: 'value', core: 'type' }, node: false, electron: false, packages: [] },
  host: { layers: { host: 'value', common: 'value', core: 'value' }, node: true, electron: false, packages: [/^[^.]/] },
  main: { layers: { main: 'value', preload: 'value', host: 'value', common: 'value', core: 'value' }, node: true, electron: true, packages: [/^[^.]/] },
  preload: { layers: { preload: 'value', common: 'value', core: 'type' }, node: false, electron: true, packages: [] },
  renderer: { layers: { renderer: 'value', common: 'value', core: 'type' }, node: false, electron: false, packages: RENDERER_PACKAGES },
};

// core/ must replay identically from its seed: no ambient clock, randomness, console or host.
const CORE_GLOBALS = [
  [/\bprocess\s*\./, 'process'],
  [/\bBuffer\b/, 'Buffer'],
  [/\bDate\.now\s*\(/, 'Date.now()'],
  [/\bnew\s+Date\s*\(\s*\)/, 'new Date()'],
  [/\bperformance\s*\./, 'performance'],
  [/\bMath\.random\s*\(/, 'Math.random()'],
  [/\bconsole\s*\./, 'console'],
  [/\b(window|document|globalThis)\s*\./, 'DOM/global object'],
  [/\brequire\s*\(/, 'require()'],
];

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const full = join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) yield* walk(full);
    else if (SOURCE.test(name)) yield full;
  }
}

function stripComments(code) {
  return code.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const IMPORT_PATTERNS = [
  /\bimport\s+(type\s+)?[\w*{}\s,$]*?\s+from\s*['"]([^'"]+)['"]/g,
  /\bexport\s+(type\s+)?[\w*{}\s,$]*?\s+from\s*['"]([^'"]+)['"]/g,
  /(?:^|[\n;])\s*import\s*()['"]([^'"\n]+)['"]/g,
  /\bimport\s*\(\s*()['"]([^'"]+)['"]\s*\)/g,
  /\brequire\s*\(\s*()['"]([^'"]+)['"]\s*\)/g,
];

function importsOf(code) {
  const found = [];
  const lineAt = (index) => code.slice(0, index).split('\n').length;
  for (const pattern of IMPORT_PATTERNS) {
    for (const m of code.matchAll(pattern)) found.push({ spec: m[2], typeOnly: Boolean(m[1]), line: lineAt(m.index) });
  }
  return found;
}

const violations = [];
for (const file of walk(root)) {
  const rel = relative(root, file);
  const layer = layerOf(rel);
  if (layer === null) continue;
  if (layer === 'labs') {
    violations.push(`${rel}: labs/ holds data only (packs, schema); no code files`);
    continue;
  }
  const rule = RULES[layer];
  const code = stripComments(readFileSync(file, 'utf8'));
  const script = file.endsWith('.svelte') ? code.replace(/<style[\s\S]*?<\/style>/g, '') : code;
  for (const { spec, typeOnly, line } of importsOf(script)) {
    const where = `${rel}:${line}`;
    if (spec.startsWith('node:') || ['fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'http', 'net', 'url', 'util', 'stream'].includes(spec.split('/')[0])) {
      if (!rule.node) violations.push(`${where}: ${layer} may not import '${spec}' (Node built-ins are host-only)`);
      continue;
    }
    if (spec === 'electron' || spec.startsWith('electron/')) {
      if (!rule.electron) violations.push(`${where}: ${layer} may not import '${spec}' (only electron/main and electron/preload may)`);
      continue;
    }
    if (spec.startsWith('.') || spec.startsWith('/')) {
      const target = relative(root, resolve(dirname(file), spec));
      const targetLayer = layerOf(target);
      if (target.startsWith('..')) {
        violations.push(`${where}: import '${spec}' leaves the project`);
        continue;
      }
      if (targetLayer === 'labs') {
        violations.push(`${where}: labs/ is data, read by the host, never imported as code`);
        continue;
      }
      const allowed = targetLayer ? rule.layers[targetLayer] : undefined;
      if (!allowed) violations.push(`${where}: ${layer} may not import from ${targetLayer ?? target} ('${spec}')`);
      else if (allowed === 'type' && !typeOnly) violations.push(`${where}: ${layer} may only 'import type' from ${targetLayer} ('${spec}')`);
      continue;
    }
    if (!rule.packages.some((re) => re.test(spec))) violations.push(`${where}: ${layer} may not import package '${spec}'`);
  }
  if (layer === 'core') {
    code.split('\n').forEach((line, i) => {
      // Globals are looked for in code, not inside string literals ('./process.js').
      const text = line.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
      for (const [re, name] of CORE_GLOBALS) {
        if (re.test(text)) violations.push(`${rel}:${i + 1}: core/ may not use ${name} (pass it in; see DESIGN.md, Layers)`);
      }
    });
  }
}

if (violations.length > 0) {
  process.stderr.write(`Layer check failed (${violations.length}):\n${violations.map((v) => `  ${v}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write('Layer check passed.\n');
