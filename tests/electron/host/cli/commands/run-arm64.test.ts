// `syscall-lab run` on AArch64: a .s source with --arch arm64, and an ELF built by
// GNU as/ld for aarch64 (the architecture comes from e_machine, no flag needed).
// Needs `npm run build:node` (the launcher runs dist/).
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_COSTS } from '../../../../../core/cost/cost-table.js';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..', '..');
const CLI = join(ROOT, 'bin', 'syscall-lab.js');

const BOOK = `.global _start
.text
_start:
        mov     x0, 1
        ldr     x1, =message
        mov     x2, 17
        mov     x8, 64
        svc     #0
        mov     x0, 0
        mov     x8, 93
        svc     #0
.data
message:
        .ascii  "Direct write call\\n"
`;

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'run', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('syscall-lab run --arch arm64', () => {
  const dir = mkdtempSync(join(tmpdir(), 'run-arm64-'));
  const src = join(dir, 'book.s');
  writeFileSync(src, BOOK);

  it('assembles and runs the book listing, tracing it in strace format with --stats', () => {
    const r = run('--arch', 'arm64', '--trace', '--stats', src);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('Direct write call');
    expect(r.stderr).toContain('write(1, "Direct write call", 17) = 17\nexit(0) = ?\n+++ exited with 0 +++\n');
    expect(r.stderr).toMatch(/syscalls\s+2\n/);
    expect(r.stderr).toMatch(/mode switches\s+[1-9]/);
    // write copied its 17 bytes from the user buffer, copyByte cycles each.
    expect(r.stderr).toMatch(new RegExp(`copyByte\\s+${Math.round(17 * DEFAULT_COSTS.copyByte)} cycles \\(17 bytes\\)`));
  });

  it('runs an ELF built by aarch64-linux-gnu-as/ld, taking the architecture from its header', () => {
    const exe = join(dir, 'book');
    execFileSync('aarch64-linux-gnu-as', ['-o', `${exe}.o`, src]);
    execFileSync('aarch64-linux-gnu-ld', ['-static', '-o', exe, `${exe}.o`]);
    const r = run('--trace', exe);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('Direct write call');
    expect(r.stderr).toContain('write(1, "Direct write call", 17) = 17');
  });

  it('rejects x86-64 source for --arch arm64 with the assembler error and line, not a crash', () => {
    const x86 = join(dir, 'x86.s');
    writeFileSync(x86, '.intel_syntax noprefix\n.text\n_start:\n    mov rax, 60\n    syscall\n');
    const r = run('--arch', 'arm64', x86);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^.*x86\.s:\d+:\d+: error: /m);
  });

  it('ends with the guest status 128+N when a signal kills it (SIGILL from an EL1 register read at EL0)', () => {
    const priv = join(dir, 'priv.s');
    writeFileSync(priv, '.global _start\n.text\n_start:\n    mrs x0, SCTLR_EL1\n');
    const r = run('--arch', 'arm64', '--trace', priv);
    expect(r.status).toBe(132);
    expect(r.stderr).toMatch(/--- SIGILL \{si_signo=SIGILL, si_code=ILL_ILLOPC, si_addr=0x[0-9a-f]+\} ---\n\+\+\+ killed by SIGILL \+\+\+/);
    rmSync(dir, { recursive: true, force: true });
  });
});
