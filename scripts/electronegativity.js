#!/usr/bin/env node
// Runs Doyensec's electronegativity (the Electron security checklist as a static
// analyser) over electron/ and fails on any finding nobody has explained.
//
// It reads the TypeScript sources directly (its parser has a TypeScript mode), so the
// line numbers it reports are the lines a reviewer edits; dist/ gives the same checks.
//
// A finding is explained by a comment on the flagged line or within the three lines
// above it:   // electronegativity PRELOAD_JS_CHECK: why this is acceptable
// A global finding (file "N/A", e.g. CSP_GLOBAL_CHECK when the policy is built at run
// time) is explained by such a comment anywhere under the scanned folder.
// The tool's own `eng-disable` annotations would silence a check with no reason given,
// so they are refused.
//
// Offline: the tool fetches translations and Electron's release list over HTTPS. Both
// are cut off here: `got` is replaced before the tool loads, every socket connect
// throws, and the release check (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK, network-only)
// is excluded. The Electron version comes from node_modules/electron.
//
// Usage: node scripts/electronegativity.js [DIR]   (default: electron)
// Exit 0 when every finding is explained, 1 otherwise (one line per finding).

import { createRequire } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import net from 'node:net';

const require = createRequire(import.meta.url);
const Module = require('node:module');

const NETWORK_ONLY_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const SOURCE = /\.(ts|js|cjs|mjs|html)$/;
const EXPLANATION = (id) => new RegExp(`electronegativity\\s+${id}:\\s*\\S.{10,}`);

/** Any attempt to reach the network fails loudly instead of hanging or leaking. */
function cutNetwork() {
  const refuse = () => Promise.reject(new Error('electronegativity runs offline here'));
  const got = Object.assign(refuse, { default: refuse, get: refuse });
  const load = Module._load;
  Module._load = function (request, ...rest) {
    if (request === 'got') return got;
    return load.call(this, request, ...rest);
  };
  net.Socket.prototype.connect = function () {
    throw new Error('electronegativity tried to open a network connection');
  };
}

function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (SOURCE.test(name)) out.push(path);
  }
  return out;
}

function electronVersion() {
  return JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
}

/** Why a finding is acceptable, or null when nobody said. */
function explanationFor(issue, input, texts) {
  const re = EXPLANATION(issue.id);
  if (issue.file === 'N/A' || !issue.location || issue.location.line <= 0) {
    for (const [file, text] of texts) {
      const line = text.split('\n').find((l) => re.test(l));
      if (line) return `${relative(process.cwd(), file)}: ${line.trim()}`;
    }
    return null;
  }
  const text = texts.get(resolve(input, issue.file));
  if (text === undefined) return null;
  const lines = text.split('\n');
  const at = issue.location.line - 1;
  for (let i = at; i >= Math.max(0, at - 3); i--) if (re.test(lines[i] ?? '')) return lines[i].trim();
  return null;
}

async function main() {
  const input = resolve(process.argv[2] ?? 'electron');
  cutNetwork();
  const i18n = require('@doyensec/electronegativity/dist/locales/i18n.js');
  const run = require('@doyensec/electronegativity/dist/runner.js');
  const log = console.log;
  console.log = () => {}; // the tool's "could not retrieve translations" chatter
  let result;
  try {
    await i18n();
    result = await run(
      {
        input,
        output: undefined,
        isSarif: false,
        customScan: [],
        excludeFromScan: NETWORK_ONLY_CHECKS,
        severitySet: undefined,
        confidenceSet: undefined,
        isRelative: true,
        isVerbose: false,
        electronUpgrade: undefined,
        electronVersionOverride: electronVersion(),
        parserPlugins: [],
      },
      false,
    );
  } finally {
    console.log = log;
  }

  const texts = new Map(sourceFiles(input).map((f) => [f, readFileSync(f, 'utf8')]));
  const problems = [];
  for (const err of result.errors) if (!err.tolerable) problems.push(`could not parse ${relative(process.cwd(), err.file)}: ${err.message}`);
  for (const [file, text] of texts) {
    text.split('\n').forEach((line, i) => {
      if (/eng-disable/.test(line)) problems.push(`${relative(process.cwd(), file)}:${i + 1}: eng-disable silences a check without a reason; write "// electronegativity ID: why" instead`);
    });
  }
  let explained = 0;
  for (const issue of result.issues) {
    const where = issue.file === 'N/A' ? 'global' : `${relative(process.cwd(), resolve(input, issue.file))}:${issue.location.line}`;
    const why = explanationFor(issue, input, texts);
    if (why) explained++;
    else problems.push(`${where}: ${issue.id} (${issue.severity.name}, ${issue.confidence.name}): ${issue.description}`);
  }
  const checks = result.globalChecks + result.atomicChecks;
  if (problems.length > 0) {
    for (const p of problems) console.error(p);
    console.error(`electronegativity: ${problems.length} unexplained finding(s) in ${relative(process.cwd(), input) || '.'} (${checks} checks)`);
    process.exit(1);
  }
  console.log(`electronegativity: ${checks} checks, ${result.issues.length} finding(s), all explained (${explained}) in ${relative(process.cwd(), input) || '.'}`);
}

main().catch((error) => {
  console.error(`electronegativity failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
