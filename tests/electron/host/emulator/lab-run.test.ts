// The graded run on the real emulator: how each way a submission can end is reported.

import { describe, expect, it } from 'vitest';
import { LAB_RUN_LIMITS, runLabProgram } from '../../../../electron/host/emulator/lab-run.js';
import type { LabRunRequest } from '../../../../electron/host/packs/lab-runner.js';

const now = () => performance.now();
const x86 = (body: string) => `.intel_syntax noprefix\n.globl _start\n.text\n_start:\n${body}\n.data\nfds: .quad 0\nbuf: .quad 0\n`;
const req = (source: string, extra: Partial<LabRunRequest> = {}): LabRunRequest => ({ arch: 'x86_64', source, fileName: 'main.s', seed: 's', ...extra });

describe('runLabProgram', () => {
  it('does not run a program that fails to assemble, and names file, line and column', () => {
    const out = runLabProgram(req(x86('    mov eax, 60\n    frob rdi\n    syscall')), { now });
    expect(out.notRun).toMatch(/^main\.s:6:5: error: .*frob/);
    expect(out.events).toEqual([]);
    expect(out.exitStatus).toBeNull();
  });

  it('reports an exit status, stdout and stderr, and where each syscall returns to', () => {
    const out = runLabProgram(
      req(x86('    mov eax, 1\n    mov edi, 2\n    lea rsi, [rip + msg]\n    mov edx, 4\n    syscall\n    mov eax, 60\n    mov edi, 7\n    syscall\nmsg: .ascii "oops"')),
      { now },
    );
    expect(out).toMatchObject({ exitStatus: 7, termSignal: null, stdout: '', stderr: 'oops' });
    expect(out.stopped).toBeUndefined();
    expect(out.facts['addressAfterSyscall:write']).toMatch(/^0x[0-9a-f]+$/);
  });

  it('reports the signal that killed the program', () => {
    const out = runLabProgram(req(x86('    mov rax, [0]')), { now });
    expect(out).toMatchObject({ exitStatus: null, termSignal: 11 });
    expect(out.stopped).toBeUndefined();
  });

  it('says a program that blocks forever on its own pipe deadlocked', () => {
    // pipe(fds) then read from the read end while this task holds the write end open.
    const out = runLabProgram(
      req(x86('    mov eax, 22\n    lea rdi, [rip + fds]\n    syscall\n    xor eax, eax\n    mov edi, [rip + fds]\n    lea rsi, [rip + buf]\n    mov edx, 1\n    syscall\n    mov eax, 60\n    syscall')),
      { now },
    );
    expect(out.exitStatus).toBeNull();
    expect(out.stopped).toBe('every task was waiting for another (a deadlock)');
    expect(out.events.filter((e) => e.type === 'syscall').map((e) => (e.type === 'syscall' ? e.name : ''))).toEqual(['pipe']);
  });

  it('stops an endless loop when the caller asks between slices', () => {
    const seen: number[] = [];
    const out = runLabProgram(req(x86('1:  jmp 1b')), {
      now,
      onSlice: (n) => {
        seen.push(n);
        return seen.length === 3;
      },
    });
    expect(out.stopped).toBe('the run was stopped before it exited');
    expect(seen).toEqual([LAB_RUN_LIMITS.slice, 2 * LAB_RUN_LIMITS.slice, 3 * LAB_RUN_LIMITS.slice]);
  });

  it('stops at the wall-clock limit on the clock it is given', () => {
    let t = 0;
    const out = runLabProgram(req(x86('1:  jmp 1b')), { now: () => (t += LAB_RUN_LIMITS.wallMs / 2) });
    expect(out.stopped).toBe(`it was still running after ${LAB_RUN_LIMITS.wallMs / 1000} s`);
  });

  it('feeds stdin, then end of file', () => {
    // read(0, buf, 8) twice: the second read returns 0 at EOF; exit with the first count.
    const body = '    xor eax, eax\n    xor edi, edi\n    lea rsi, [rip + buf]\n    mov edx, 8\n    syscall\n    mov r12, rax\n    xor eax, eax\n    xor edi, edi\n    syscall\n    add r12, rax\n    mov eax, 60\n    mov rdi, r12\n    syscall';
    const out = runLabProgram(req(x86(body), { stdin: 'abc' }), { now });
    expect(out.exitStatus).toBe(3);
  });
});
