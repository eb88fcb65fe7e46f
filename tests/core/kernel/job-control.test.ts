import { describe, expect, it } from 'vitest';
import type { Kernel } from '../../../core/kernel/kernel.js';
import { procStatus } from '../../../core/kernel/proc-files.js';
import { runGuest } from './run-guest.js';

// The child stops itself with `sig`; the parent waits with WUNTRACED, continues it,
// and collects its exit. `setup` runs in the parent before fork (e.g. a sigaction).
const program = (sig: number, setup = '') => `.intel_syntax noprefix
.global _start
.text
_start:
${setup}
    mov eax, 57
    syscall
    test rax, rax
    jnz parent
    mov eax, 39
    syscall
    mov edi, eax
    mov eax, 62
    mov esi, ${sig}
    syscall
    mov eax, 60
    mov edi, 5
    syscall
parent:
    mov r12, rax
    mov eax, 61
    mov rdi, r12
    lea rsi, [rip + st1]
    mov edx, 2
    xor r10d, r10d
    syscall
    mov eax, 62
    mov rdi, r12
    mov esi, 18
    syscall
    mov eax, 61
    mov rdi, r12
    lea rsi, [rip + st2]
    xor edx, edx
    xor r10d, r10d
    syscall
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + st1]
    mov edx, 8
    syscall
    mov eax, 60
    xor edi, edi
    syscall
handler:
    ret
restorer:
    mov eax, 15
    syscall
.data
st1: .long 0
st2: .long 0
act: .quad handler, 0x04000001, restorer, 0
`;

const statuses = (text: string) => {
  const v = new DataView(Uint8Array.from(text, (c) => c.charCodeAt(0)).buffer);
  return [v.getInt32(0, true), v.getInt32(4, true)];
};

describe('job control: stop signals, SIGCONT, wait4 WUNTRACED', () => {
  for (const [sig, name] of [[19, 'SIGSTOP'], [20, 'SIGTSTP'], [21, 'SIGTTIN'], [22, 'SIGTTOU']] as const) {
    it(`${name}'s default action stops the child until SIGCONT`, () => {
      const r = runGuest(program(sig));
      expect(r.stop).toMatchObject({ kind: 'exit', code: 0 });
      expect(statuses(r.text)).toEqual([(sig << 8) | 0x7f, 5 << 8]);
      expect(r.lines).toContain(`--- stopped by ${name} ---`);
      const stopAt = r.lines.indexOf(`--- stopped by ${name} ---`);
      expect(r.lines.slice(stopAt).find((l) => l.startsWith('--- SIGCHLD'))).toMatch(/si_code=CLD_STOPPED, .*si_status=/);
      expect(r.lines.some((l) => l.includes('si_code=CLD_CONTINUED'))).toBe(true);
      expect(r.lines.some((l) => l.startsWith('--- SIGCONT {si_signo=SIGCONT, si_code=SI_USER'))).toBe(true);
    });
  }

  it('SA_NOCLDSTOP on the parent suppresses CLD_STOPPED and CLD_CONTINUED, not CLD_EXITED', () => {
    // rt_sigaction(SIGCHLD, {handler, SA_NOCLDSTOP|SA_RESTORER}, NULL, 8)
    const setup = '    mov eax, 13\n    mov edi, 17\n    lea rsi, [rip + act]\n    xor edx, edx\n    mov r10d, 8\n    syscall';
    const r = runGuest(program(19, setup));
    expect(statuses(r.text)).toEqual([0x137f, 5 << 8]);
    const chld = r.lines.filter((l) => l.startsWith('--- SIGCHLD'));
    expect(chld).toHaveLength(1);
    expect(chld[0]).toContain('CLD_EXITED');
  });

  it('a stopped process shows T (stopped) in /proc/<pid>/status and dies to SIGKILL', () => {
    const src = program(19).replace('    mov eax, 62\n    mov rdi, r12\n    mov esi, 18\n', '    mov eax, 62\n    mov rdi, r12\n    mov esi, 9\n');
    const states: string[] = [];
    const holder: { k?: Kernel } = {};
    const r = runGuest(src, {
      onEvent: (e) => {
        if (e.type === 'stop' && holder.k) states.push(/State:\t(.*)/.exec(procStatus(holder.k, e.pid))?.[1] ?? '');
      },
    }, 0);
    holder.k = r.machine.kernel;
    expect(r.machine.run(5_000_000)).toMatchObject({ kind: 'exit', code: 0 });
    expect(states).toEqual(['T (stopped)']);
    expect(r.machine.events.find((e) => e.type === 'exit' && e.pid !== 100)).toMatchObject({ signal: 9 });
  });
});
