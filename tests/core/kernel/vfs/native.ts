// Compile and run a small C program on the host (or under qemu-aarch64) and return its stdout.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function runC(src: string, arch: 'x86_64' | 'arm64' = 'x86_64'): string {
  const dir = mkdtempSync(join(tmpdir(), 'vfs-native-'));
  try {
    writeFileSync(join(dir, 'p.c'), src);
    const exe = join(dir, 'p');
    const cc = arch === 'arm64' ? 'aarch64-linux-gnu-gcc' : 'gcc';
    execFileSync(cc, ['-static', '-O0', '-o', exe, join(dir, 'p.c')]);
    return arch === 'arm64'
      ? execFileSync('qemu-aarch64', [exe], { encoding: 'utf8', cwd: dir })
      : execFileSync(exe, { encoding: 'utf8', cwd: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
