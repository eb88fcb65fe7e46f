// Test helpers around the Debian AArch64 cross binutils (the reference we compare
// against): assemble GNU as source, read back the words, and parse objdump -d.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ObjdumpLine {
  addr: number;
  word: number;
  text: string;
}

/** Collapse whitespace, drop `// comments`, `<symbol>` and `; undefined` as the comparison key. */
export function normalize(text: string): string {
  return text
    .replace(/\/\/.*$/, '')
    .replace(/<[^>]*>/g, '')
    .replace(/; undefined/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function withTmp<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'a64-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Assemble `source` and return objdump -d's lines for .text. */
export function assembleAndDump(source: string): ObjdumpLine[] {
  return withTmp((dir) => {
    const s = join(dir, 'in.s');
    const o = join(dir, 'in.o');
    writeFileSync(s, source);
    execFileSync('aarch64-linux-gnu-as', ['-o', o, s]);
    const out = execFileSync('aarch64-linux-gnu-objdump', ['-d', '-z', o], { maxBuffer: 1 << 28 }).toString();
    const lines: ObjdumpLine[] = [];
    for (const line of out.split('\n')) {
      const m = /^\s*([0-9a-f]+):\s+([0-9a-f]{8})\s+(.*)$/.exec(line);
      if (m) lines.push({ addr: parseInt(m[1]!, 16), word: parseInt(m[2]!, 16), text: m[3]! });
    }
    return lines;
  });
}

export interface BuiltProgram {
  /** Flat image of the loadable segments, starting at textAddr (objcopy -O binary). */
  image: Uint8Array;
  /** stdout of the same ELF under qemu-aarch64. */
  qemuStdout: Uint8Array;
}

/** Assemble + link a static program at textAddr, run it under qemu-aarch64, and return its flat image. */
export function buildAndRunQemu(source: string, textAddr: number): BuiltProgram {
  return withTmp((dir) => {
    const s = join(dir, 'p.s');
    const o = join(dir, 'p.o');
    const elf = join(dir, 'p.elf');
    const bin = join(dir, 'p.bin');
    writeFileSync(s, source);
    execFileSync('aarch64-linux-gnu-as', ['-o', o, s]);
    execFileSync('aarch64-linux-gnu-ld', ['-static', `-Ttext=0x${textAddr.toString(16)}`, '-o', elf, o]);
    execFileSync('aarch64-linux-gnu-objcopy', ['-O', 'binary', elf, bin]);
    const qemuStdout = new Uint8Array(execFileSync('qemu-aarch64', [elf], { maxBuffer: 1 << 28 }));
    return { image: new Uint8Array(readFileSync(bin)), qemuStdout };
  });
}

/** Deterministic PRNG (mulberry32) so generated cases replay from a seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Assemble position-independent source and return the raw bytes of its .text section. */
export function assembleText(source: string): Uint8Array {
  return withTmp((dir) => {
    const s = join(dir, 't.s');
    const o = join(dir, 't.o');
    const bin = join(dir, 't.bin');
    writeFileSync(s, source);
    execFileSync('aarch64-linux-gnu-as', ['-o', o, s]);
    execFileSync('aarch64-linux-gnu-objcopy', ['-O', 'binary', '-j', '.text', o, bin]);
    return new Uint8Array(readFileSync(bin));
  });
}
