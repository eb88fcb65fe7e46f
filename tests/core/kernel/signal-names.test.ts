// Signal names, default actions and si_code names vs this machine: glibc's
// sigabbrev_np(), the <signal.h> si_code constants, and each signal's default
// action observed natively (a child raises it with SIG_DFL; the parent reads the
// wait status).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signalName, signalNumber, signalDefaultAction, siCodeName, SIGRTMIN } from '../../../core/kernel/signal-names.js';

function run(src: string, cross = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'signals-'));
  try {
    writeFileSync(join(dir, 'p.c'), src);
    const exe = join(dir, 'p');
    execFileSync(cross ? 'aarch64-linux-gnu-gcc' : 'gcc', ['-static', '-o', exe, join(dir, 'p.c')]);
    return execFileSync(cross ? 'qemu-aarch64' : exe, cross ? [exe] : [], { encoding: 'utf8', cwd: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const NAMES_C = `#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <signal.h>
int main(void){for(int i=1;i<32;i++)printf("%d %s\\n",i,sigabbrev_np(i));printf("rtmin %d\\n",__SIGRTMIN);}`;

describe('signal names', () => {
  for (const arch of ['x86_64', 'arm64'] as const) {
    it(`matches glibc sigabbrev_np() on ${arch}`, () => {
      const lines = run(NAMES_C, arch === 'arm64').trim().split('\n');
      for (const l of lines.slice(0, 31)) {
        const [n, abbrev] = l.split(' ');
        expect(signalNumber(`SIG${abbrev}`)).toBe(Number(n));
        // glibc says POLL for 29; strace (and we) print the kernel's SIGIO.
        expect(signalName(Number(n), arch)).toBe(abbrev === 'POLL' ? 'SIGIO' : `SIG${abbrev}`);
      }
      expect(lines[31]).toBe(`rtmin ${SIGRTMIN}`);
    });
  }

  it('names real-time signals like strace', () => {
    expect(signalName(32)).toBe('SIGRTMIN');
    expect(signalName(40)).toBe('SIGRT_8');
    expect(signalName(64)).toBe('SIGRT_32');
    expect(signalName(65)).toBeNull();
    expect(signalNumber('SIGRT_8')).toBe(40);
  });

  it('has the si_code values of <signal.h>', () => {
    const codes = ['SI_USER', 'SI_KERNEL', 'SI_QUEUE', 'SI_TIMER', 'SI_TKILL', 'SEGV_MAPERR', 'SEGV_ACCERR', 'ILL_ILLOPN', 'ILL_PRVOPC', 'BUS_ADRERR', 'FPE_INTDIV', 'CLD_EXITED', 'CLD_KILLED', 'CLD_DUMPED', 'TRAP_BRKPT'];
    const sig: Record<string, number> = { SEGV: 11, ILL: 4, BUS: 7, FPE: 8, CLD: 17, TRAP: 5 };
    const out = run(`#define _GNU_SOURCE
#include <stdio.h>
#include <signal.h>
int main(void){${codes.map((c) => `printf("%d\\n", ${c});`).join('')}}`);
    out
      .trim()
      .split('\n')
      .forEach((v, i) => {
        const name = codes[i]!;
        const signo = sig[name.split('_')[0]!] ?? 14;
        expect(siCodeName(signo, Number(v))).toBe(name);
      });
  });
});

describe('default actions (signal(7)) observed natively', () => {
  it('terminate / dump core / ignore / stop / continue as the table says', () => {
    const out = run(`#include <stdio.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>
#include <sys/resource.h>
int main(void){
  struct rlimit rl = {RLIM_INFINITY, RLIM_INFINITY}; setrlimit(RLIMIT_CORE, &rl);
  for (int s = 1; s <= 64; s++) {
    if (s == SIGKILL || s == SIGSTOP || (s >= 32 && s < 34)) continue;
    pid_t c = fork();
    /* Own process group: stop signals sent to an orphaned group are discarded (signal(7)). */
    if (c == 0) { setpgid(0, 0); signal(s, SIG_DFL); raise(s); _exit(0); }
    int st; waitpid(c, &st, WUNTRACED);
    const char *r = WIFEXITED(st) ? "Ign" : WIFSTOPPED(st) ? "Stop" : WCOREDUMP(st) ? "Core" : "Term";
    if (WIFSTOPPED(st)) { kill(c, SIGKILL); waitpid(c, &st, 0); }
    printf("%d %s\\n", s, r);
  }
}`);
    const observed = new Map(out.trim().split('\n').map((l) => l.split(' ') as [string, string]));
    const coreWorks = observed.get('11') === 'Core';
    for (const [n, got] of observed) {
      const want = signalDefaultAction(Number(n));
      // SIGCONT's "Cont" on a running process is indistinguishable from "Ign".
      const expected = want === 'Cont' ? 'Ign' : want === 'Core' && !coreWorks ? 'Term' : want;
      expect(`${n} ${got}`).toBe(`${n} ${expected}`);
    }
  });
});
