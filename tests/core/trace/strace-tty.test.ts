// Terminal ioctls (TCGETS/TCSETS/TIOCGWINSZ/FIONREAD) on a real pseudo-terminal,
// made with script(1), rendered by our printer and compared with strace's lines.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatSyscall } from '../../../core/trace/strace-format.js';
import { buildFixture, parseLog, fakeMemory, removeFixtureDir } from './strace-harness.js';
import { KINDS } from './syscall-kinds.js';

describe('strace-format vs strace on a pty', () => {
  it('renders termios, winsize and FIONREAD results identically', () => {
    const { dir, exe } = buildFixture('tty.c');
    const trace = join(dir, 'trace.txt');
    // script(1) runs the command with $SHELL; fd 100 needs bash (dash reads `100>f` as an argument).
    execFileSync('script', ['-qec', `strace -qq -a0 -e trace=ioctl,getpid -o ${trace} ${exe} 100>${dir}/log0`, '/dev/null'], {
      cwd: dir,
      env: { ...process.env, SHELL: '/bin/bash' },
    });
    const lines = readFileSync(trace, 'utf8').trim().split('\n');
    const { records } = parseLog(readFileSync(join(dir, 'log0'), 'utf8'));
    removeFixtureDir(dir);
    const calls = records.filter((r) => r.type === 'call' && r.name === 'ioctl');
    const traced = lines.slice(lines.findIndex((l) => l.startsWith('getpid()')) + 1);
    expect(calls).toHaveLength(7);
    expect(traced.slice(0, 7)).toHaveLength(7);
    const ours = calls.map((r) =>
      r.type === 'call' ? formatSyscall({ name: 'ioctl', args: r.args, argKinds: KINDS['ioctl']!.args, ret: r.ret, arch: 'x86_64' }, fakeMemory(r.mem)) : '',
    );
    expect(ours).toEqual(traced.slice(0, 7));
    expect(ours[0]).toMatch(/^ioctl\(0, TCGETS, \{c_iflag=.*c_lflag=.*, \.\.\.\}\) = 0$/);
  });
});
