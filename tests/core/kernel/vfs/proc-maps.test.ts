// The maps formatter vs the host kernel: parse the real /proc/self/maps of a
// process on this machine and reformat every line byte for byte.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { formatMaps, formatMapsLine, type MapsVma } from '../../../../core/kernel/vfs/proc-maps.js';

function parse(line: string): MapsVma {
  const m = /^([0-9a-f]+)-([0-9a-f]+) ([-rwxps]{4}) ([0-9a-f]+) ([0-9a-f]+):([0-9a-f]+) (\d+) *(.*)$/.exec(line);
  if (!m) throw new Error(`unparsable maps line: ${line}`);
  return {
    start: BigInt('0x' + m[1]),
    end: BigInt('0x' + m[2]),
    perms: m[3]!,
    offset: BigInt('0x' + m[4]),
    dev: { major: parseInt(m[5]!, 16), minor: parseInt(m[6]!, 16) },
    inode: BigInt(m[7]!),
    name: m[8] === '' ? null : m[8]!,
  };
}

describe('/proc/self/maps formatter', () => {
  it('reproduces every line of a real maps file exactly', () => {
    // cat maps a file, anonymous memory, heap, stack, vdso/vvar and vsyscall.
    const real = execFileSync('cat', ['/proc/self/maps'], { encoding: 'utf8' });
    const lines = real.split('\n').filter((l) => l.length > 0);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.some((l) => l.endsWith(' 0 '))).toBe(true); // anonymous: trailing space kept
    expect(lines.some((l) => l.includes('[stack]'))).toBe(true);
    const vmas = lines.map(parse);
    expect(formatMaps(vmas)).toBe(real);
  });

  it('formats the lab loader mapping the way Linux would', () => {
    const line = formatMapsLine({ start: 0x400000n, end: 0x401000n, perms: 'r-xp', offset: 0n, dev: { major: 0, minor: 0 }, inode: 0, name: '/home/student/a.out' });
    expect(line).toBe('00400000-00401000 r-xp 00000000 00:00 0                                  /home/student/a.out');
    expect(line.indexOf('/home')).toBe(73);
    expect(formatMapsLine({ start: 0x7ffff000n, end: 0x80000000n, perms: 'rw-p', offset: 0n, dev: { major: 0, minor: 0 }, inode: 0 })).toBe(
      '7ffff000-80000000 rw-p 00000000 00:00 0 ',
    );
    expect(() => formatMapsLine({ start: 0n, end: 1n, perms: 'rwx', offset: 0n, dev: { major: 0, minor: 0 }, inode: 0 })).toThrow();
  });
});
