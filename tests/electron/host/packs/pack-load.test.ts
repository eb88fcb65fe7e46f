import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readPackDir } from '../../../../electron/host/packs/pack-files.js';
import type { PackFiles } from '../../../../electron/host/packs/pack-files.js';
import { loadPack } from '../../../../electron/host/packs/pack-load.js';
import { formatIssue } from '../../../../electron/host/packs/pack-issue.js';

const EXAMPLE = fileURLToPath(new URL('../../../fixtures/packs/example', import.meta.url));
const enc = new TextEncoder();

async function exampleWith(changes: Record<string, string | null>): Promise<PackFiles> {
  const files = await readPackDir(EXAMPLE);
  for (const [path, text] of Object.entries(changes)) {
    if (text === null) files.delete(path);
    else files.set(path, enc.encode(text));
  }
  return files;
}

function textOf(files: PackFiles, path: string): string {
  return new TextDecoder().decode(files.get(path));
}

describe('loadPack on the example pack', () => {
  it('validates with no issues at all', async () => {
    const result = loadPack(await readPackDir(EXAMPLE), { appVersion: '0.1.0' });
    expect(result.issues.map(formatIssue)).toEqual([]);
    expect(result.pack?.manifest.id).toBe('example.syscall-lab');
    expect(result.pack?.labs.map((l) => l.id)).toEqual(['hello-write', 'vdso-cost']);
  });

  it('uses every check kind, both architectures, params, hints and an image', async () => {
    const pack = loadPack(await readPackDir(EXAMPLE), { appVersion: '0.1.0' }).pack;
    const labs = pack?.labs ?? [];
    const kinds = new Set(labs.flatMap((l) => l.def.checks.flatMap((c) => Object.keys(c.expect))));
    for (const k of ['event', 'where', 'after', 'entryReg', 'exit', 'stdout', 'stderr', 'count', 'probe']) expect(kinds).toContain(k);
    const archs = new Set(labs.flatMap((l) => (l.def.starters ?? []).map((s) => s.arch)));
    expect([...archs].sort()).toEqual(['arm64', 'x86_64']);
    expect(labs.some((l) => l.def.params && Object.keys(l.def.params).length >= 2)).toBe(true);
    expect(labs.some((l) => (l.def.hints ?? []).length > 0)).toBe(true);
    expect(labs.some((l) => l.def.starters?.some((s) => s.file) && l.def.starters.some((s) => s.source))).toBe(true);
  });
});

describe('loadPack findings name file, line and field', () => {
  it('reports an unknown event name at its line', async () => {
    const files = await exampleWith({});
    const lab = textOf(files, 'labs/hello-write/lab.yaml').replace('event: syscall\n      where: { name: read, errno', 'event: syscal\n      where: { name: read, errno');
    files.set('labs/hello-write/lab.yaml', enc.encode(lab));
    const lines = lab.split('\n');
    const line = lines.findIndex((l) => l.includes('event: syscal') && !l.includes('syscall')) + 1;
    const result = loadPack(files, { appVersion: '0.1.0' });
    expect(result.pack).toBeNull();
    expect(result.issues.map(formatIssue)).toContain(
      `labs/hello-write/lab.yaml:${line}: checks[2].expect: unknown event 'syscal' (expected "syscall", "signal", "stop", "exit", "fault", "context-switch", "page-fault", "vdso-call", "stdout")`,
    );
  });

  it('reports YAML syntax errors with a line', async () => {
    const files = await exampleWith({ 'labpack.yaml': 'id: x\ntitle: [unclosed\n' });
    const issues = loadPack(files, { appVersion: '0.1.0' }).issues;
    expect(issues[0]?.file).toBe('labpack.yaml');
    expect(issues[0]?.line).toBeGreaterThanOrEqual(2);
  });

  it('reports a missing required field and an unknown field', async () => {
    const files = await exampleWith({});
    const lab = textOf(files, 'labs/vdso-cost/lab.yaml').replace('estimatedMinutes: 15\n', 'estimatedMinute: 15\n');
    files.set('labs/vdso-cost/lab.yaml', enc.encode(lab));
    const msgs = loadPack(files, { appVersion: '0.1.0' }).issues.map(formatIssue);
    expect(msgs).toContain("labs/vdso-cost/lab.yaml:1: missing required field 'estimatedMinutes'");
    expect(msgs).toContain("labs/vdso-cost/lab.yaml:6: unknown field 'estimatedMinute'");
  });

  it('reports duplicate ids, missing starter files, unknown params and bad where-fields', async () => {
    const files = await exampleWith({ 'labs/hello-write/hello.s': null });
    const lab = textOf(files, 'labs/hello-write/lab.yaml')
      .replace('- id: read\n', '- id: write\n')
      .replace('arg2: "{{params.bufSize}}"', 'arg2: "{{params.bufsize}}"')
      .replace('where: { name: write, arg0: 1, ret: 14 }', 'where: { name: write, fd: 1, ret: 14 }');
    files.set('labs/hello-write/lab.yaml', enc.encode(lab));
    const issues = loadPack(files, { appVersion: '0.1.0' }).issues;
    const msgs = issues.map(formatIssue);
    const lineOf = (needle: string): number => lab.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const secondWrite = lab.split('\n').lastIndexOf('  - id: write') + 1;
    expect(secondWrite).toBeGreaterThan(lineOf('- id: write'));
    expect(msgs).toContain(`labs/hello-write/lab.yaml:${secondWrite}: steps[1].id: duplicate step id 'write'`);
    expect(msgs).toContain(`labs/hello-write/lab.yaml:${lineOf('file: hello.s')}: starters[0].file: starter file 'hello.s' not found in labs/hello-write/`);
    expect(msgs).toContain(`labs/hello-write/lab.yaml:${lineOf('bufsize')}: checks[1].expect.where.arg2: unknown param 'bufsize' in {{params.bufsize}}`);
    expect(msgs.some((m) => m.startsWith(`labs/hello-write/lab.yaml:${lineOf('fd: 1')}: checks[0].expect.where.fd: unknown field 'fd' for syscall events`))).toBe(true);
  });

  it('rejects an entryReg register the architecture does not record, unless the check is limited with arch:', async () => {
    const files = await exampleWith({});
    // hello-write lists x86_64 and arm64; its rcx check carries arch: x86_64.
    const lab = textOf(files, 'labs/hello-write/lab.yaml').replace('    arch: x86_64\n    expect:\n      entryReg: { syscall: write, reg: rcx', '    expect:\n      entryReg: { syscall: write, reg: rcx');
    expect(lab).not.toBe(textOf(files, 'labs/hello-write/lab.yaml'));
    files.set('labs/hello-write/lab.yaml', enc.encode(lab));
    const line = lab.split('\n').findIndex((l) => l.includes('reg: rcx')) + 1;
    const msgs = loadPack(files, { appVersion: '0.1.0' }).issues.map(formatIssue);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatch(new RegExp(`^labs/hello-write/lab\\.yaml:${line}: checks\\[\\d+\\]\\.expect\\.entryReg\\.reg: register 'rcx' is not recorded at syscall entry on arm64 \\(known: x0, .*pc, pstate\\); add arch: to grade it on one architecture only$`));
    // The arm64 names are fine on arm64 and wrong on x86-64.
    const arm = lab.replace('reg: rcx, equals: addressAfterSyscall', 'reg: pc, equals: addressAfterSyscall');
    files.set('labs/hello-write/lab.yaml', enc.encode(arm));
    expect(loadPack(files, { appVersion: '0.1.0' }).issues.map(formatIssue)).toEqual([expect.stringContaining("register 'pc' is not recorded at syscall entry on x86_64")]);
    files.set('labs/hello-write/lab.yaml', enc.encode(arm.replace('    expect:\n      entryReg: { syscall: write, reg: pc', '    arch: arm64\n    expect:\n      entryReg: { syscall: write, reg: pc')));
    expect(loadPack(files, { appVersion: '0.1.0' }).issues.map(formatIssue)).toEqual([]);
  });

  it('rejects an unknown signal name in an exit check', async () => {
    const files = await exampleWith({});
    const lab = textOf(files, 'labs/hello-write/lab.yaml').replace('exit: { status: 0 }', 'exit: { signal: SIGFOO }');
    files.set('labs/hello-write/lab.yaml', enc.encode(lab));
    const line = lab.split('\n').findIndex((l) => l.includes('SIGFOO')) + 1;
    expect(loadPack(files, { appVersion: '0.1.0' }).issues.map(formatIssue)).toEqual([`labs/hello-write/lab.yaml:${line}: checks[4].expect.exit.signal: unknown signal 'SIGFOO'`]);
  });

  it('rejects a pack that needs a newer app', async () => {
    const files = await exampleWith({});
    files.set('labpack.yaml', enc.encode(textOf(files, 'labpack.yaml').replace('minAppVersion: 0.1.0', 'minAppVersion: 2.0.0')));
    const msgs = loadPack(files, { appVersion: '0.1.0' }).issues.map(formatIssue);
    expect(msgs).toContain('labpack.yaml:10: minAppVersion: pack needs Syscall Lab 2.0.0 or newer (this is 0.1.0)');
    expect(loadPack(files, { appVersion: '2.0.0' }).issues).toEqual([]);
  });

  it('rejects a remote image and a regex outside the safe subset', async () => {
    const files = await exampleWith({});
    const lab = textOf(files, 'labs/hello-write/lab.yaml')
      .replace('(img/boundary.png)', '(https://evil.example/x.png)')
      .replace('matches: "^hello, kernel\\\\n$"', 'matches: "(a)\\\\1"');
    files.set('labs/hello-write/lab.yaml', enc.encode(lab));
    const msgs = loadPack(files, { appVersion: '0.1.0' }).issues.map(formatIssue);
    expect(msgs.some((m) => m.includes("steps[0].body: image 'https://evil.example/x.png' must be a relative path"))).toBe(true);
    expect(msgs.some((m) => m.includes('checks[6].expect.stdout.matches: unsupported pattern: backreferences are not supported'))).toBe(true);
  });
});

describe('coming-soon labs', () => {
  it('may have no checks and no starters; ready labs may not', async () => {
    const files = await exampleWith({});
    const soon = 'title: Soon\ntopic: t\narchitectures: [x86_64]\nmode: emulated\nstatus: coming-soon\nestimatedMinutes: 5\nsteps:\n  - { id: a, title: A, body: later }\nchecks: []\n';
    files.set('labs/soon/lab.yaml', enc.encode(soon));
    files.set('labpack.yaml', enc.encode(textOf(files, 'labpack.yaml') + '  - soon\n'));
    expect(loadPack(files, { appVersion: '0.1.0' }).issues.map(formatIssue)).toEqual([]);
    files.set('labs/soon/lab.yaml', enc.encode(soon.replace('status: coming-soon\n', '')));
    expect(loadPack(files, { appVersion: '0.1.0' }).issues.map(formatIssue)).toEqual([
      'labs/soon/lab.yaml:8: checks: a lab needs at least one check (or status: coming-soon)',
      'labs/soon/lab.yaml:1: warning: starters: no starter for x86_64',
    ]);
  });

  it('refuses YAML alias bombs', async () => {
    const files = await exampleWith({});
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n');
    files.set('labs/hello-write/lab.yaml', enc.encode(bomb));
    const issues = loadPack(files, { appVersion: '0.1.0' }).issues;
    expect(issues[0]?.file).toBe('labs/hello-write/lab.yaml');
    expect(issues[0]?.message).toMatch(/cannot read YAML: .*alias/i);
  });
});
