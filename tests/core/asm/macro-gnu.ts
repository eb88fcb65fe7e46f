// Test helper: GNU as (x86-64 `as`, or `aarch64-linux-gnu-as`) on a source, read
// back as section bytes, defined symbols (nm) and error lines, and the same
// three views of our ObjectImage, so the macro tests compare like with like.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AssembleResult } from '../../../core/asm/index.js';
import { assembleArm64 } from '../../../core/arch/arm64/assembler/assembler.js';
import { assembleX86 } from '../../../core/arch/x86_64/assembler/x86-backend.js';
import { withTempDir } from '../arch/x86_64/assembler/gnu-as.js';

export type Arch = 'x86_64' | 'arm64';

export interface Assembled {
  sections: Record<string, string>;
  /** `name section+offset` of defined labels, sorted; `.L` locals are left out as gas drops them. */
  symbols: string[];
}

const TOOLS: Record<Arch, { as: string[]; objcopy: string; nm: string }> = {
  x86_64: { as: ['as', '--64'], objcopy: 'objcopy', nm: 'nm' },
  arm64: { as: ['aarch64-linux-gnu-as'], objcopy: 'aarch64-linux-gnu-objcopy', nm: 'aarch64-linux-gnu-nm' },
};

const hex = (b: ArrayLike<number>): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** GNU as's view; throws with its stderr when it refuses the source. */
export function gnu(arch: Arch, source: string, sections: readonly string[] = ['.text', '.data']): Assembled {
  const t = TOOLS[arch];
  return withTempDir((dir) => {
    writeFileSync(join(dir, 'a.s'), source);
    const [cmd, ...args] = t.as;
    execFileSync(cmd as string, [...args, '-o', join(dir, 'a.o'), join(dir, 'a.s')], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Record<string, string> = {};
    for (const s of sections) {
      execFileSync(t.objcopy, ['-O', 'binary', `--only-section=${s}`, join(dir, 'a.o'), join(dir, 'b')]);
      out[s] = hex(readFileSync(join(dir, 'b')));
    }
    const nm = execFileSync(t.nm, ['--defined-only', '-A', join(dir, 'a.o')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const sectionOf: Record<string, string> = { t: '.text', d: '.data', b: '.bss' };
    const symbols = nm
      .split('\n')
      .map((l) => /^\S+:([0-9a-f]+) ([a-zA-Z]) (\S+)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null && (m[2] as string).toLowerCase() in sectionOf && !(m[3] as string).startsWith('$'))
      .map((m) => `${m[3]} ${sectionOf[(m[2] as string).toLowerCase()]}+${parseInt(m[1] as string, 16)}`)
      .sort();
    return { sections: out, symbols };
  });
}

/** GNU as's error lines (`a.s:LINE: Error: ...`, with Info lines), [] when it assembles. */
export function gnuErrors(arch: Arch, source: string): string[] {
  return withTempDir((dir) => {
    writeFileSync(join(dir, 'a.s'), source);
    const [cmd, ...args] = TOOLS[arch].as;
    try {
      execFileSync(cmd as string, [...args, '-o', join(dir, 'a.o'), join(dir, 'a.s')], { stdio: ['ignore', 'pipe', 'pipe'] });
      return [];
    } catch (e) {
      const err = e as { stderr?: Buffer };
      return (err.stderr?.toString() ?? '').split('\n').filter((l) => /error|Info/i.test(l));
    }
  });
}

export function assembleFor(arch: Arch, source: string): AssembleResult {
  return arch === 'x86_64' ? assembleX86(source) : assembleArm64(source);
}

/** Our view; throws with our errors when we refuse the source. */
export function ours(arch: Arch, source: string, sections: readonly string[] = ['.text', '.data']): Assembled {
  const r = assembleFor(arch, source);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.column}: ${e.message}`).join('\n'));
  const out: Record<string, string> = {};
  for (const s of sections) out[s] = hex(r.image.sections.find((x) => x.name === s)?.bytes ?? []);
  const symbols = r.image.symbols
    .filter((s) => s.section !== '*ABS*' && !s.name.startsWith('.L') && !s.name.startsWith('$'))
    .map((s) => `${s.name} ${s.section}+${s.offset}`)
    .sort();
  return { sections: out, symbols };
}

/** Our errors as `LINE: message`. */
export function ourErrors(arch: Arch, source: string): string[] {
  const r = assembleFor(arch, source);
  return r.ok ? [] : r.errors.map((e) => `${e.line}: ${e.message}`);
}
