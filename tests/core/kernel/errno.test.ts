// errno table vs glibc on this machine (strerrorname_np/strerror) and strace's own
// rendering of every errno, including the kernel-internal restart codes, obtained
// with strace's fault injection (`-e inject=getpid:error=N`).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errnoName, errnoMessage, errnoNumber, isRestartCode, ENOSYS, EFAULT, EINTR, EAGAIN, EWOULDBLOCK, ERESTARTSYS } from '../../../core/kernel/errno.js';
import { formatReturn } from '../../../core/trace/strace-format.js';

function compile(src: string): { dir: string; exe: string } {
  const dir = mkdtempSync(join(tmpdir(), 'errno-'));
  writeFileSync(join(dir, 'p.c'), src);
  execFileSync('gcc', ['-o', join(dir, 'p'), join(dir, 'p.c')]);
  return { dir, exe: join(dir, 'p') };
}

describe('errno table', () => {
  it('matches glibc strerrorname_np()/strerror() for 1..133', () => {
    const { dir, exe } = compile(`#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
int main(void){for(int i=1;i<=133;i++){const char*n=strerrorname_np(i);printf("%d\\t%s\\t%s\\n",i,n?n:"-",strerror(i));}}`);
    const rows = execFileSync(exe, { encoding: 'utf8' }).trim().split('\n');
    rmSync(dir, { recursive: true });
    expect(rows).toHaveLength(133);
    for (const row of rows) {
      const [n, name, msg] = row.split('\t');
      expect(errnoName(Number(n))).toBe(name === '-' ? null : name);
      expect(errnoMessage(Number(n))).toBe(msg);
    }
  });

  it('exports the constants the kernel uses', () => {
    expect([ENOSYS, EFAULT, EINTR, EAGAIN, EWOULDBLOCK]).toEqual([38, 14, 4, 11, 11]);
    expect(errnoNumber('EWOULDBLOCK')).toBe(11);
    expect(errnoNumber('ENOENT')).toBe(2);
    expect(isRestartCode(ERESTARTSYS)).toBe(true);
    expect(isRestartCode(EINTR)).toBe(false);
  });

  it('renders every return strace renders, checked with strace fault injection', () => {
    const { dir, exe } = compile(`#include <unistd.h>
#include <sys/syscall.h>
int main(void){syscall(SYS_getpid);return 0;}`);
    const codes = [1, 2, 4, 11, 14, 22, 38, 41, 58, 95, 133, 512, 513, 514, 515, 516, 517, 518, 520, 4095];
    // strace writes the trace to stderr; swap it onto stdout through a shell.
    for (const code of codes) {
      const line = execFileSync('sh', ['-c', `strace -qq -a0 -e trace=getpid -e inject=getpid:error=${code} ${exe} 2>&1 >/dev/null`], {
        encoding: 'utf8',
      }).trim();
      expect(line).toBe(`getpid() = ${formatReturn(BigInt(-code))} (INJECTED)`);
    }
    rmSync(dir, { recursive: true });
  });
});
