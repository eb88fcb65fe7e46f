import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { main } from '../../../../electron/host/cli/main.js';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stdin: new PassThrough(),
    cwd: process.cwd(),
    env: {},
  });
  return { status, stdout, stderr };
}

describe('syscall-lab CLI', () => {
  it('prints usage to stderr and exits 2 without a command or with an unknown one', async () => {
    const none = await cli();
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^usage: syscall-lab <command>/);
    const bad = await cli('frobnicate');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unknown command 'frobnicate'");
    expect(bad.stdout).toBe('');
  });

  it.each(['run', 'web', 'probe', 'pack', 'asm', 'runtime'])('%s --help prints its usage and exits 0', async (name) => {
    const r = await cli(name, '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`usage: syscall-lab ${name}`));
  });

  it('rejects unknown flags with exit 2 and the command usage', async () => {
    const r = await cli('web', '--prot', '80');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown option '--prot'");
    expect(r.stderr).toContain('usage: syscall-lab web');
    const port = await cli('web', '--port', 'eighty');
    expect(port.status).toBe(2);
    expect(port.stderr).toContain('--port must be an integer from 0 to 65535');
  });
});
