// Every x86-64 conformance program (tests/conformance/x86_64/*.s, written by
// the conformance suite) must come out of our assembler + linker exactly as
// out of GNU as + ld (same section bytes when linked at the same addresses)
// and behave the same natively: stdout, exit status and syscall trace.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleX86 } from '../../../../../core/arch/x86_64/assembler/x86-backend.js';
import { linkExecutable } from '../../../../../core/elf/link.js';
import { normalizeTrace } from '../../../../conformance/normalize.js';
import { parseProgramHeader } from '../../../../conformance/program-header.js';
import { gnuBuild, runElf, sectionOf } from '../../../elf/native.js';
import { hex } from './gnu-as.js';

const DIR = join(import.meta.dirname, '../../../../conformance/x86_64');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.s')).sort();

describe('conformance programs: ours vs GNU as + ld', () => {
  it('there are programs to check', () => {
    expect(FILES.length).toBeGreaterThan(20);
  });

  it.each(FILES)('%s', (file) => {
    const src = readFileSync(join(DIR, file), 'utf8');
    const spec = parseProgramHeader(file.replace(/\.s$/, ''), src);
    const a = assembleX86(src);
    if (!a.ok) throw new Error(JSON.stringify(a.errors));
    const l = linkExecutable(a.image, { arch: 'x86_64' });
    if (!l.ok) throw new Error(JSON.stringify(l.errors));
    const flags = l.sections.map((s) =>
      s.name === '.text' ? `-Ttext=0x${s.address.toString(16)}` : s.name === '.data' ? `-Tdata=0x${s.address.toString(16)}` : s.name === '.bss' ? `-Tbss=0x${s.address.toString(16)}` : `--section-start=${s.name}=0x${s.address.toString(16)}`,
    );
    const gnu = gnuBuild(src, flags);
    for (const s of l.sections.filter((x) => x.kind !== 'bss')) expect(`${s.name}: ${hex(sectionOf(l.elf, s.name))}`).toBe(`${s.name}: ${hex(sectionOf(gnu, s.name))}`);
    if (spec.args.length > 0) return; // runElf passes no argv; the suite itself covers these
    const input = spec.stdin === null ? '' : Buffer.from(spec.stdin).toString('latin1');
    const ours = runElf(l.elf, { strace: true, input });
    const theirs = runElf(gnu, { strace: true, input });
    expect(ours.stdout).toBe(theirs.stdout);
    expect([ours.status, ours.signal]).toEqual([theirs.status, theirs.signal]);
    // Image addresses are the same (same layout); the suite's normalizer hides pids, clocks, brk/mmap/stack.
    // With fork, strace -f interleaves two processes nondeterministically: compare stdout/status only.
    const forks = (ours.strace ?? []).some((l) => /^\w*(fork|clone3?)\(/.test(l.replace(/^\d+\s+/, '')));
    if (!forks) expect(normalizeTrace(ours.strace ?? [])).toEqual(normalizeTrace(theirs.strace ?? []));
  });
});
