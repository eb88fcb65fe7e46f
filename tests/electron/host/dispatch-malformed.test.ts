// Every command on the contract refuses malformed arguments with a typed error, and the
// host (and its core worker) keep serving afterwards.
import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandNames } from '../../../electron/common/contract.js';
import { HostServices } from '../../../electron/host/services.js';

const services = new HostServices({ userDataDir: mkdtempSync(join(tmpdir(), 'syscall-lab-malformed-')), transport: 'web' });

afterAll(async () => {
  await services.close();
});

describe('malformed IPC arguments', () => {
  it.each(commandNames)('%s: wrong shapes are bad-args, never a crash', async (name) => {
    for (const args of ['a string', 42, [], { 'not a field': 1 }, { packId: {}, sessionId: 'x', name: 7 }]) {
      const reply = await services.dispatch(name, args);
      expect(reply.ok).toBe(false);
      if (!reply.ok) expect(reply.error.code).toBe('bad-args');
    }
  });

  it('random JSON values on random channels never throw and never succeed by accident for bad shapes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...commandNames, 'no.such', '__proto__', 'constructor'), fc.jsonValue(), async (name, args) => {
        const reply = await services.dispatch(name, args);
        if (!reply.ok) expect(['bad-command', 'bad-args', 'failed', 'forbidden', 'not-available', 'timeout', 'worker-crashed']).toContain(reply.error.code);
      }),
      { numRuns: 300 },
    );
    // Still alive: the worker answers.
    expect(await services.dispatch('core.info', {})).toMatchObject({ ok: true });
  });
});
