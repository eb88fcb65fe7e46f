// Turns the final layout pass into the public ObjectImage.

import type { ArchBackend } from './backend.js';
import { evaluate, type ExprValue } from './expr.js';
import type { PassResult } from './layout-state.js';
import type { ParsedProgram } from './statements.js';
import type { ObjectImage, ObjectSection, ObjectSymbol } from './types.js';

export function buildImage(prog: ParsedProgram, backend: ArchBackend, r: PassResult): ObjectImage {
  const sections: ObjectSection[] = [];
  for (const [name, info] of prog.sections) {
    const bytes = Uint8Array.from(r.bytes.get(name) ?? []);
    sections.push({
      name,
      kind: info.kind,
      flags: { ...info.flags },
      align: r.sectionAlign.get(name) ?? 1,
      bytes,
      size: info.nobits ? (r.sectionSizes.get(name) ?? 0) : bytes.length,
    });
  }
  const symbols: ObjectSymbol[] = [];
  const sizeOf = (name: string): bigint | undefined => {
    const e = prog.sizes.get(name);
    if (e === undefined) return undefined;
    const v = evaluate(e, { dot: () => ({ section: '.text', offset: 0n }), symbol: (n) => symbolAtEnd(n) });
    return !('message' in v) && v.kind === 'abs' ? v.value : undefined;
  };
  const symbolAtEnd = (n: string): ExprValue | undefined => {
    const lab = prog.labels.get(n);
    if (lab !== undefined)
      return { kind: 'rel', symbol: n, section: lab.section, offset: BigInt(r.labels.get(n) ?? 0), addend: 0n, forward: false };
    return r.equs.get(n);
  };
  for (const [name, lab] of prog.labels) {
    const sym: ObjectSymbol = {
      name,
      section: lab.section,
      offset: BigInt(r.labels.get(name) ?? 0),
      global: prog.globals.has(name),
      kind: prog.types.get(name) ?? 'notype',
    };
    const size = sizeOf(name);
    if (size !== undefined) sym.size = size;
    symbols.push(sym);
  }
  for (const [name, v] of r.equs) {
    if (prog.labels.has(name)) continue;
    if (v.kind === 'abs') symbols.push({ name, section: '*ABS*', offset: v.value, global: prog.globals.has(name), kind: 'abs' });
    else if (v.kind === 'rel')
      symbols.push({ name, section: v.section, offset: v.offset, global: prog.globals.has(name), kind: prog.types.get(name) ?? 'notype' });
  }
  return { arch: backend.arch, sections, symbols, fixups: r.fixups, sourceMap: r.sourceMap };
}
