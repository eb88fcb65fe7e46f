// Entry point of the front end: source text + an arch back end → ObjectImage
// or a list of positioned errors. Never throws to the caller.

import type { ArchBackend } from './backend.js';
import { layoutProgram } from './layout.js';
import { parseProgram } from './parse.js';
import type { AsmError, AssembleResult } from './types.js';

export interface AssembleOptions {
  /** Used only in error text by callers that print `file:line:col`. */
  fileName?: string;
  /** Stop collecting after this many errors (default 100). */
  maxErrors?: number;
}

export function assemble(source: string, backend: ArchBackend, opts: AssembleOptions = {}): AssembleResult {
  const errors: AsmError[] = [];
  try {
    const prog = parseProgram(source, backend, errors);
    const { image, errors: layoutErrors } = layoutProgram(prog, backend);
    errors.push(...layoutErrors);
    if (errors.length === 0) return { ok: true, image };
  } catch (e) {
    // A back-end bug must still come back as a diagnostic, not a stack trace.
    errors.push({ line: 1, column: 1, message: `internal assembler error: ${e instanceof Error ? e.message : String(e)}` });
  }
  const seen = new Set<string>();
  const unique = errors
    .filter((e) => {
      const k = `${e.line}:${e.column}:${e.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, errors: unique.slice(0, opts.maxErrors ?? 100) };
}

/** `file:line:col: error: message`, the format GNU as and editors understand. */
export function formatAsmError(e: AsmError, fileName = '<stdin>'): string {
  return `${fileName}:${e.line}:${e.column}: error: ${e.message}`;
}
