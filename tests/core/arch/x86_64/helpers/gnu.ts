// GNU binutils as the reference: assemble Intel-syntax source with `as --64` and
// disassemble raw bytes with `objdump -D -b binary -M intel`.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function withTmp<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'x86-ref-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Assemble `.intel_syntax noprefix` source; returns the raw .text bytes. */
export function assemble(source: string): Uint8Array {
  return withTmp((dir) => {
    const s = join(dir, 'a.s');
    const o = join(dir, 'a.o');
    const bin = join(dir, 'a.bin');
    writeFileSync(s, '.intel_syntax noprefix\n.text\n' + source + '\n');
    execFileSync('as', ['--64', '-o', o, s], { stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync('objcopy', ['-O', 'binary', '-j', '.text', o, bin]);
    return new Uint8Array(readFileSync(bin));
  });
}

export interface ObjdumpLine {
  addr: number;
  bytes: number[];
  text: string;
}

/** objdump's view of raw bytes loaded at `vma`. Continuation lines (long encodings) are merged. */
export function objdump(bytes: Uint8Array, vma = 0): ObjdumpLine[] {
  return withTmp((dir) => {
    const bin = join(dir, 'a.bin');
    writeFileSync(bin, bytes);
    const out = execFileSync(
      'objdump',
      ['-D', '-b', 'binary', '-mi386:x86-64', '-M', 'intel', `--adjust-vma=${vma}`, bin],
      { maxBuffer: 256 * 1024 * 1024 },
    ).toString();
    const lines: ObjdumpLine[] = [];
    for (const line of out.split('\n')) {
      const m = /^\s*([0-9a-f]+):\t((?:[0-9a-f]{2} )+)\s*(?:\t(.*))?$/.exec(line);
      if (m === null) continue;
      const addr = parseInt(m[1]!, 16);
      const bs = m[2]!.trim().split(' ').map((h) => parseInt(h, 16));
      if (m[3] === undefined) {
        lines[lines.length - 1]!.bytes.push(...bs);
        continue;
      }
      lines.push({ addr, bytes: bs, text: m[3] });
    }
    return lines;
  });
}

/** Collapse runs of spaces so "mov    eax" compares equal to "mov eax". */
export function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
