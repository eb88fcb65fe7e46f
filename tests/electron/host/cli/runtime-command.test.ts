import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../../../electron/host/cli/main.js';
import { runtimeFiles } from '../../../../core/runtime/runtime-files.js';

const dir = mkdtempSync(join(tmpdir(), 'runtime-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdin: new PassThrough(), cwd: dir, env: {} });
  return { status, stdout, stderr };
}

describe('syscall-lab runtime', () => {
  it('writes runtime.s and runtime.h to --out (relative to the cwd) and lists them', async () => {
    const r = await cli('runtime', '--out', 'rt');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${join(dir, 'rt', 'runtime.s')}\n${join(dir, 'rt', 'runtime.h')}\n`);
    for (const f of runtimeFiles()) expect(readFileSync(join(dir, 'rt', f.name), 'utf8')).toBe(f.text);
  });

  it('writes the arm64 runtime with --arch arm64, and refuses an unknown arch', async () => {
    const r = await cli('runtime', '--arch', 'arm64', '--out', 'rt64');
    expect(r.status).toBe(0);
    for (const f of runtimeFiles('arm64')) expect(readFileSync(join(dir, 'rt64', f.name), 'utf8')).toBe(f.text);
    expect(readFileSync(join(dir, 'rt64', 'runtime.s'), 'utf8')).toContain('msr tpidr_el0, x0');
    const bad = await cli('runtime', '--arch', 'riscv64', '--out', 'rt');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--arch must be x86_64 or arm64, not 'riscv64'");
  });

  it('is a usage error (exit 2) without --out or with a stray argument', async () => {
    const none = await cli('runtime');
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('missing --out DIR');
    const extra = await cli('runtime', '--out', 'rt', 'extra');
    expect(extra.status).toBe(2);
    expect(extra.stderr).toContain("unexpected argument 'extra'");
  });

  it('says which folder it cannot write, with exit 1', async () => {
    writeFileSync(join(dir, 'a-file'), 'x');
    const r = await cli('runtime', '--out', 'a-file');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^syscall-lab runtime: cannot write a-file: E(EXIST|NOTDIR)\n$/);
  });
});
