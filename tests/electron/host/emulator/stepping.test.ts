// The stepping commands through the host, as the renderer issues them: breakpoints by
// source line, step over, step back, stop, and the progress a long run streams.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BreakpointsReply, LoadReply, SessionState } from '../../../../electron/common/types.js';
import { HostServices } from '../../../../electron/host/services.js';
import { CALLS } from '../../../core/stepping-fixture.js';

const services = new HostServices({ userDataDir: mkdtempSync(join(tmpdir(), 'syscall-lab-stepping-')), transport: 'web', workerTimeoutMs: 4000 });

afterAll(async () => {
  await services.close();
});

async function call<T>(name: string, args: unknown): Promise<T> {
  const reply = await services.dispatch(name, args);
  if (!reply.ok) throw new Error(`${name}: ${reply.error.code}: ${reply.error.message}`);
  return reply.value as T;
}

const lineOf = (source: string, text: string) => source.split('\n').findIndex((l) => l.includes(text)) + 1;
const reg = (s: SessionState, name: string) => s.view.registers.find((r) => r.name === name)!.value;

async function load(source: string, stdin?: string): Promise<SessionState> {
  const r = await call<LoadReply>('emulator.load', { arch: 'x86_64', source, aslr: false, ...(stdin !== undefined ? { stdin } : {}) });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.state;
}

describe('stepping through the host', () => {
  it('breakpoint by line → run → step over the call → step back shows the state before', async () => {
    const s0 = await load(CALLS);
    const id = s0.sessionId;
    expect(s0.stepsBack).toBe(0);
    // Line 4 is `_start:` (a label): the breakpoint lands on the next line with code.
    const bp = await call<BreakpointsReply>('emulator.setBreakpoints', { sessionId: id, user: [lineOf(CALLS, '_start:'), lineOf(CALLS, 'call fact')] });
    expect(bp.breakpoints.map((b) => [b.requested, b.line])).toEqual([
      [lineOf(CALLS, '_start:'), lineOf(CALLS, 'mov rdi, 5')],
      [lineOf(CALLS, 'call fact'), lineOf(CALLS, 'call fact')],
    ]);
    const s1 = await call<SessionState>('emulator.run', { sessionId: id });
    expect(s1.status).toBe('breakpoint');
    expect(s1.view.next[0]!.line).toBe(lineOf(CALLS, 'mov rdi, 5'));
    const s2 = await call<SessionState>('emulator.run', { sessionId: id });
    expect(s2.view.next[0]!.line).toBe(lineOf(CALLS, 'call fact'));
    const s3 = await call<SessionState>('emulator.stepOver', { sessionId: id });
    expect(s3.status).toBe('ready');
    expect(s3.view.next[0]!.line).toBe(lineOf(CALLS, 'mov rbx, rax'));
    expect(reg(s3, 'rax')).toBe('0x0000000000000078'); // 5! = 120
    expect(s3.stepsBack).toBe(3);
    const back = await call<SessionState>('emulator.stepBack', { sessionId: id });
    expect(back.view.registers).toEqual(s2.view.registers);
    expect(back.status).toBe('breakpoint');
    expect(back.trace).toEqual(s2.trace);
    expect(back.stepsBack).toBe(2);
  });

  it('a step over a syscall stays at user level and the trace has the call', async () => {
    const s = await load(CALLS);
    await call('emulator.setBreakpoints', { sessionId: s.sessionId, user: [lineOf(CALLS, '    syscall')] });
    await call('emulator.run', { sessionId: s.sessionId });
    const after = await call<SessionState>('emulator.stepOver', { sessionId: s.sessionId });
    expect(after.view.privilege).toBe(3);
    expect(after.trace).toContain('write(1, "ok\\n", 3) = 3');
    expect(after.stdout).toBe('ok\n');
  });

  it('a breakpoint on the instruction right after a syscall stops the run there', async () => {
    const s = await load(CALLS);
    await call('emulator.setBreakpoints', { sessionId: s.sessionId, user: [lineOf(CALLS, 'mov rax, 60')] });
    const at = await call<SessionState>('emulator.run', { sessionId: s.sessionId });
    expect(at.status).toBe('breakpoint');
    expect(at.view.next[0]!.line).toBe(lineOf(CALLS, 'mov rax, 60'));
    expect(at.stdout).toBe('ok\n');
  });

  it('a long run streams progress, and emulator.stop ends it with a state that can continue', async () => {
    const loop = `.intel_syntax noprefix\n.global _start\n.text\n_start:\n    mov r12, 2000000\n1:  mov rax, 39\n    syscall\n    dec r12\n    jnz 1b\n    mov rax, 60\n    xor edi, edi\n    syscall\n`;
    const s = await load(loop);
    const seen: number[] = [];
    const off = services.on((event, payload) => {
      if (event !== 'emulator.progress') return;
      const p = payload as { sessionId: number; syscalls: number };
      if (p.sessionId !== s.sessionId) return;
      seen.push(p.syscalls);
      if (seen.length === 3) void services.dispatch('emulator.stop', {});
    });
    const stopped = await call<SessionState>('emulator.run', { sessionId: s.sessionId });
    off();
    expect(seen.length).toBeGreaterThanOrEqual(3);
    // Progress only goes forward.
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(stopped.status).toBe('ready');
    expect(stopped.view.stats.syscalls).toBeGreaterThanOrEqual(seen[2]!);
    expect(stopped.view.stats.syscalls).toBeLessThan(2_000_000);
    // Nothing is running now: stop says so.
    expect(await call('emulator.stop', {})).toEqual({ stopped: false });
  });

  it('refuses bad stepping arguments with specific errors and unknown sessions with a clear message', async () => {
    const bad = await services.dispatch('emulator.setBreakpoints', { sessionId: 1, user: [0] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-args' } });
    const tooMany = await services.dispatch('emulator.setBreakpoints', { sessionId: 1, user: Array.from({ length: 300 }, (_, i) => i + 1) });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'bad-args' } });
    const missing = await services.dispatch('emulator.stepBack', { sessionId: 9999 });
    expect(missing).toEqual({ ok: false, error: { code: 'failed', message: 'no machine session 9999 (it may have been closed or the core restarted)' } });
    const over = await services.dispatch('emulator.stepOver', { sessionId: 1, budget: -5 });
    expect(over).toMatchObject({ ok: false, error: { code: 'bad-args' } });
  });

  it('step back at the start is a no-op that reports zero steps', async () => {
    const s = await load(CALLS);
    const back = await call<SessionState>('emulator.stepBack', { sessionId: s.sessionId });
    expect(back.stepsBack).toBe(0);
    expect(back.view.registers).toEqual(s.view.registers);
  });
});
