// The parsed program: a flat list of statements, each already bound to the
// section it lives in. Layout (layout.ts) walks this list once per pass.

import type { Expr } from './expr.js';
import type { Token } from './lexer.js';
import type { ParsedInstruction } from './backend.js';
import type { SectionFlags, SectionKind, SymbolKind } from './types.js';

interface Pos {
  line: number;
  column: number;
  /** From a macro expansion: "in macro 'm' called at line N", prefixed to its errors. */
  origin?: string;
}

export type Statement = Pos &
  (
    | { kind: 'label'; name: string }
    | { kind: 'equ'; name: string; expr: Expr }
    | { kind: 'insn'; insn: ParsedInstruction }
    | { kind: 'data'; size: 1 | 2 | 4 | 8; exprs: Expr[] }
    | { kind: 'bytes'; bytes: Uint8Array }
    | { kind: 'leb128'; signed: boolean; exprs: Expr[] }
    | { kind: 'skip'; count: Expr; fill: Expr | null }
    | { kind: 'fill'; repeat: Expr; size: Expr | null; value: Expr | null }
    | { kind: 'align'; pow2: boolean; amount: Expr; fill: Expr | null; max: Expr | null }
    | { kind: 'archdir'; name: string; operands: Token[][] }
  ) & { section: string };

export interface SectionInfo {
  name: string;
  kind: SectionKind;
  flags: SectionFlags;
  nobits: boolean;
}

export interface ParsedProgram {
  statements: Statement[];
  sections: Map<string, SectionInfo>;
  /** Statement index of each label's definition, and its section. */
  labels: Map<string, { index: number; section: string }>;
  globals: Set<string>;
  types: Map<string, SymbolKind>;
  sizes: Map<string, Expr>;
}

/** Default attributes for well-known section names (GNU as obj-elf.c). */
export function sectionDefaults(name: string): SectionInfo {
  const info = (kind: SectionKind, write: boolean, exec: boolean, nobits = false): SectionInfo => ({
    name,
    kind,
    flags: { alloc: true, write, exec },
    nobits,
  });
  if (name === '.text' || name.startsWith('.text.') || name === '.init' || name === '.fini') return info('text', false, true);
  if (name === '.bss' || name.startsWith('.bss.') || name === '.tbss') return info('bss', true, false, true);
  if (name === '.data' || name.startsWith('.data.') || name === '.tdata') return info('data', true, false);
  if (name === '.rodata' || name.startsWith('.rodata.')) return info('other', false, false);
  return { name, kind: 'other', flags: { alloc: false, write: false, exec: false }, nobits: false };
}

/** Applies a `.section` flags string ("awx") and type (@progbits/@nobits). */
export function sectionFromFlags(name: string, flags: string | null, type: string | null): SectionInfo {
  const base = sectionDefaults(name);
  const f = flags === null ? base.flags : { alloc: flags.includes('a'), write: flags.includes('w'), exec: flags.includes('x') };
  const nobits = type === null ? base.nobits : type === 'nobits';
  const kind: SectionKind = nobits ? 'bss' : f.exec ? 'text' : f.write ? 'data' : 'other';
  return { name, kind, flags: f, nobits };
}
