import { afterEach, describe, expect, it } from 'vitest';
import { HostServices } from '../../../../electron/host/services.js';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let services: HostServices | undefined;

function start(): HostServices {
  services = new HostServices({
    userDataDir: mkdtempSync(join(tmpdir(), 'syscall-lab-host-')),
    transport: 'web',
    allowFaultInjection: true,
    workerTimeoutMs: 1500,
  });
  return services;
}

afterEach(async () => {
  await services?.close();
  services = undefined;
});

describe('core worker supervision', () => {
  it.each([
    ['throw', 'worker-crashed', /threw: injected fault/],
    ['exit', 'worker-crashed', /exited with code 3/],
    ['hang', 'timeout', /did not answer within 300 ms/],
  ] as const)('a worker that %s is reported as %s, replaced, and the host keeps serving', async (mode, code, message) => {
    const s = start();
    const faults: string[] = [];
    s.on((event, payload) => {
      if (event === 'core.fault') faults.push((payload as { reason: string }).reason);
    });
    const before = await s.dispatch('core.info', {});
    expect(before).toMatchObject({ ok: true, value: { workerGeneration: 1, workerRestarts: 0 } });

    const reply = await s.dispatch('core.faultInject', { mode, timeoutMs: 300 });
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe(code);
      expect(reply.error.message).toMatch(message);
    }
    expect(faults).toEqual([mode === 'throw' ? 'threw' : mode === 'exit' ? 'exited' : 'hung']);

    // A new worker took over and answers.
    const after = await s.dispatch('core.info', {});
    expect(after).toMatchObject({ ok: true, value: { workerGeneration: 2, workerRestarts: 1 } });
  });

  it('refuses fault injection unless the host was started for tests', async () => {
    services = new HostServices({ userDataDir: mkdtempSync(join(tmpdir(), 'syscall-lab-host-')), transport: 'web' });
    const reply = await services.dispatch('core.faultInject', { mode: 'exit' });
    expect(reply).toEqual({ ok: false, error: { code: 'forbidden', message: 'fault injection is only enabled in tests' } });
    expect(await services.dispatch('core.info', {})).toMatchObject({ ok: true, value: { workerRestarts: 0 } });
  });
});

describe('dispatch validates every command before a handler runs', () => {
  it.each([
    ['no.such.command', {}, 'bad-command', /unknown command/],
    ['labs.get', { packId: 'boundary' }, 'bad-args', /args\.labId: expected a string, got undefined/],
    ['labs.get', { packId: '../../etc', labId: 'x' }, 'bad-args', /args\.packId: does not match/],
    ['labs.list', { extra: 1 }, 'bad-args', /unknown field 'extra'/],
    ['core.faultInject', { mode: 'explode' }, 'bad-args', /expected one of throw, hang, exit/],
    ['prefs.set', { key: 'theme', value: 'x'.repeat(5000) }, 'bad-args', /longer than 4096/],
    ['prefs.get', null, 'bad-args', /keys: expected an array/],
    ['labs.list', 'a string', 'bad-args', /expected an object, got string/],
  ])('%s %j → %s', async (command, args, code, message) => {
    const s = start();
    const reply = await s.dispatch(command, args);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe(code);
      expect(reply.error.message).toMatch(message);
    }
  });

  it('lists the built-in pack and round-trips a preference', async () => {
    const s = start();
    const labs = await s.dispatch('labs.list', {});
    expect(labs.ok && (labs.value as { labId: string }[]).map((l) => l.labId)).toContain('hello-kernel');
    expect(await s.dispatch('prefs.set', { key: 'theme', value: 'dark' })).toEqual({ ok: true, value: null });
    expect(await s.dispatch('prefs.get', { keys: ['theme', 'missing'] })).toEqual({ ok: true, value: { theme: 'dark' } });
  });

  it('names an installed pack that fails to load, and still lists the others', async () => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'syscall-lab-host-'));
    const broken = join(userDataDir, 'packs', 'broken-pack', '1.0.0');
    mkdirSync(broken, { recursive: true });
    writeFileSync(join(broken, 'labpack.yaml'), 'id: broken-pack\ntitle: [unterminated\n');
    services = new HostServices({ userDataDir, transport: 'web' });
    const problems = await services.dispatch('labs.problems', {});
    expect(problems.ok).toBe(true);
    const list = problems.ok ? (problems.value as string[]) : [];
    expect(list).toHaveLength(1);
    expect(list[0]).toContain(broken);
    expect(list[0]).toMatch(/labpack\.yaml/);
    const labs = await services.dispatch('labs.list', {});
    expect(labs.ok && (labs.value as { labId: string }[]).map((l) => l.labId)).toContain('hello-kernel');
  });

  it('a request queued behind a long run that reports progress is not taken for a hung worker', async () => {
    const s = start(); // 1.5 s wall-clock limit per request
    const loop = (n: number) => `.intel_syntax noprefix
.global _start
.text
_start:
    mov r12, ${n}
1:  mov rax, 39
    syscall
    dec r12
    jnz 1b
    mov rax, 60
    xor edi, edi
    syscall
`;
    const long = await s.dispatch('emulator.load', { arch: 'x86_64', source: loop(400_000) });
    const short = await s.dispatch('emulator.load', { arch: 'x86_64', source: loop(1) });
    if (!long.ok || !short.ok) throw new Error('load failed');
    const longId = (long.value as { state: { sessionId: number } }).state.sessionId;
    const shortId = (short.value as { state: { sessionId: number } }).state.sessionId;
    const run = s.dispatch('emulator.run', { sessionId: longId });
    // Sent while the run is going: the worker takes it only when the run is done (seconds later).
    await new Promise((r) => setTimeout(r, 100));
    const step = s.dispatch('emulator.step', { sessionId: shortId });
    const [ran, stepped] = await Promise.all([run, step]);
    expect(ran.ok && (ran.value as { status: string }).status).toBe('exited');
    expect(stepped.ok).toBe(true);
  }, 120_000); // 400,000 syscalls: seconds on an idle machine, far longer on a loaded one
});
