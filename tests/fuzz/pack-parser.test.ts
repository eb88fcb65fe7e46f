// Fuzzing the lab-pack loader: the example pack and the built-in pack with their YAML
// (labpack.yaml, labs/*/lab.yaml) mutated line by line — deleted, duplicated, re-indented,
// values replaced by hostile YAML (aliases, tags, flow junk, long strings) — never make
// the reader throw; every finding names its file, a line (0 = whole file) and the field.
// Each input goes through the per-file stage (YAML parse + schema, ~1 ms); every 100th
// also through the whole loadPack (semantic checks, markdown: ~100 ms a pack).
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPackDir, type PackFiles } from '../../electron/host/packs/pack-files.js';
import type { PackIssue } from '../../electron/host/packs/pack-issue.js';
import { loadPack } from '../../electron/host/packs/pack-load.js';
import { validateAgainstSchema } from '../../electron/host/packs/schema-validate.js';
import { parseYamlSource } from '../../electron/host/packs/yaml-source.js';
import { FUZZ_TIMEOUT_MS, fuzzParams, Tally, traceInput } from './fuzz-budget.js';

const PACKS = [fileURLToPath(new URL('../fixtures/packs/example', import.meta.url)), fileURLToPath(new URL('../../labs/boundary', import.meta.url))];
const VALUES = [
  '', '~', 'null', 'true', '0', '-1', '1e309', '0x7fffffffffffffff', '"', "'", '[', '{', '}', ']', '- ', ': ', '&a [1, 2]', '*a', '*nope', '!!binary AAAA', '!!js/function x',
  '<<: *a', '|', '>-', '"\\u0000"', "'\\x00'", 'x'.repeat(5000), '[' + '['.repeat(200), '{a: 1, a: 2}', '?', '@', '`', '%YAML 1.1', '---', '...', '\t', 'éè 漢字 \u202e',
  '../../../etc/passwd', '/etc/passwd', 'C:\\\\x', 'https://example.com/x.png', '[x](javascript:alert(1))', '<img src=x onerror=alert(1)>',
];

function mutateYaml(text: string, edits: [number, number, number, string][]): string {
  const lines = text.split('\n');
  for (const [kind, at, n, value] of edits) {
    const i = at % Math.max(1, lines.length);
    const line = lines[i] ?? '';
    switch (kind % 6) {
      case 0:
        lines.splice(i, 1 + (n % 3));
        break;
      case 1:
        lines.splice(i, 0, line);
        break;
      case 2:
        lines[i] = ' '.repeat(n % 5) + line.trimStart();
        break;
      case 3: {
        const colon = line.indexOf(': ');
        lines[i] = colon >= 0 ? `${line.slice(0, colon + 2)}${value}` : `${line}${value}`;
        break;
      }
      case 4:
        lines.splice(i, 0, `${' '.repeat(n % 7)}${value}: ${value}`);
        break;
      default:
        lines[i] = line.slice(0, n % (line.length + 1));
    }
  }
  return lines.join('\n');
}

let packs: PackFiles[] = [];
beforeAll(async () => {
  packs = await Promise.all(PACKS.map((p) => readPackDir(p)));
});

describe('lab-pack loader fuzz', () => {
  it('the unmutated packs load cleanly', () => {
    for (const files of packs) expect(loadPack(files, { appVersion: '99.0.0' }).pack).not.toBeNull();
  });

  it('answers mutated YAML with positioned findings, never a throw', () => {
    const tally = new Tally();
    let runs = 0;
    const edit = fc.tuple(fc.nat(5), fc.nat(400), fc.nat(10), fc.constantFrom(...VALUES));
    fc.assert(
      fc.property(fc.nat(packs.length - 1), fc.nat(50), fc.array(edit, { minLength: 1, maxLength: 4 }), (p, which, edits) => {
        const files = new Map(packs[p]!);
        const yamls = [...files.keys()].filter((k) => k.endsWith('.yaml'));
        const target = yamls[which % yamls.length]!;
        files.set(target, new TextEncoder().encode(mutateYaml(new TextDecoder().decode(files.get(target)!), edits)));
        const text = new TextDecoder().decode(files.get(target)!);
        traceInput('pack-yaml', `${target}\n${text}`);
        const src = parseYamlSource(target, text);
        let issues: PackIssue[] = [...src.issues];
        if (issues.length === 0) issues = validateAgainstSchema(target === 'labpack.yaml' ? 'labpack' : 'lab', src);
        tally.add(src.issues.length > 0 ? 'YAML syntax error' : issues.length > 0 ? 'schema findings' : 'valid file', issues[0] ? `${issues[0].file}:${issues[0].line}: ${issues[0].field}: ${issues[0].message}` : undefined);
        if (++runs % 100 === 0) {
          const whole = loadPack(files, { appVersion: '99.0.0' });
          const errors = whole.issues.filter((i) => i.severity === 'error');
          if (whole.pack === null) expect(errors.length).toBeGreaterThan(0);
          tally.add(whole.pack === null ? 'whole pack refused' : 'whole pack loaded');
          issues = [...issues, ...whole.issues];
        }
        for (const i of issues) {
          expect(i.file.length).toBeGreaterThan(0);
          expect(Number.isInteger(i.line) && i.line >= 0).toBe(true);
          expect(typeof i.field).toBe('string');
          expect(i.message.length).toBeGreaterThan(0);
          expect(i.message).not.toMatch(/is not a function|Cannot read prop|undefined is not|Maximum call stack/);
        }
        // A finding about the mutated file points into it: a line inside the file or the whole file.
        for (const i of issues.filter((e) => e.file === target)) expect(i.line).toBeLessThanOrEqual(text.split('\n').length + 1);
      }),
      fuzzParams(),
    );
    console.log(tally.report('lab-pack loader fuzz'));
    expect(tally.get('schema findings')).toBeGreaterThan(500);
    expect(tally.get('YAML syntax error')).toBeGreaterThan(500);
  }, FUZZ_TIMEOUT_MS);
});
