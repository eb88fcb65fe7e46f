// visibleEvents() on real kernel traces: the same program run natively under
// strace with and without SA_RESTART (signal(7) "Interruption of system calls").

import { describe, expect, it } from 'vitest';
import { visibleEvents } from '../../../../electron/host/packs/event-view.js';
import type { RunEvent } from '../../../../core/trace/events.js';
import { nativeTraceRunner } from './native-trace-runner.js';
import { alarmReadProgram } from './x86-solutions.js';

const summary = (events: RunEvent[]) =>
  events.map((e) => (e.type === 'syscall' ? `${e.name} ${e.errno ?? e.ret}` : e.type === 'signal' ? e.name : e.type));

async function trace(saRestart: boolean, stdinOpenMs: number): Promise<RunEvent[]> {
  const run = nativeTraceRunner({ stdinOpenMs });
  const out = await run({ arch: 'x86_64', source: alarmReadProgram(128, { saRestart }), fileName: 'p.s', seed: '0' });
  return out.events;
}

describe('visibleEvents on native traces', () => {
  it('without SA_RESTART: the read becomes EINTR after the signal', async () => {
    const raw = await trace(false, 4000);
    expect(summary(raw)).toEqual(['rt_sigaction 0', 'alarm 0', 'write 14', 'read ERESTARTSYS', 'SIGALRM', 'rt_sigreturn EINTR', 'exit 0', 'exit']);
    const seen = visibleEvents(raw);
    expect(summary(seen)).toEqual(['rt_sigaction 0', 'alarm 0', 'write 14', 'SIGALRM', 'read EINTR', 'rt_sigreturn EINTR', 'exit 0', 'exit']);
    const read = seen.find((e) => e.type === 'syscall' && e.name === 'read');
    expect(read).toMatchObject({ ret: -4, errno: 'EINTR', interrupted: true, restarted: false });
    expect(read?.type === 'syscall' && read.line).toMatch(/^read\(0, 0x[0-9a-f]+, 128\) += -1 EINTR \(Interrupted system call\)$/);
  });

  it('with SA_RESTART: the interrupted read stays as traced and runs again', async () => {
    const raw = await trace(true, 3000);
    expect(summary(raw)).toEqual(['rt_sigaction 0', 'alarm 0', 'write 14', 'read ERESTARTSYS', 'SIGALRM', 'rt_sigreturn 0', 'read 0', 'exit 0', 'exit']);
    expect(visibleEvents(raw)).toEqual(raw);
  });

  it('leaves a handler that makes its own calls and nested restarts in order', () => {
    const sc = (name: string, ret: number, errno: string | null, tid = 1): RunEvent => ({
      type: 'syscall', pid: 1, tid, arch: 'x86_64', via: 'syscall', nr: 0, name, args: [], ret, errno,
      line: `${name}() = ${errno ? '? ' + errno : ret}`, entryRegs: {}, returnAddress: '0x0', interrupted: false, restarted: false, cycles: 0,
    });
    const sig: RunEvent = { type: 'signal', pid: 1, tid: 1, signo: 14, name: 'SIGALRM', code: 'SI_KERNEL', addr: null, disposition: 'handler', line: '' };
    const raw = [sc('read', -512, 'ERESTARTSYS'), sig, sc('write', 3, null), sc('rt_sigreturn', -4, 'EINTR'), sc('ERESTART-is-real', -85, 'ERESTART')];
    expect(summary(visibleEvents(raw))).toEqual(['SIGALRM', 'write 3', 'read EINTR', 'rt_sigreturn EINTR', 'ERESTART-is-real ERESTART']);
  });
});
