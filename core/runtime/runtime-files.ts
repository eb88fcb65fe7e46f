// The guest runtime as files: runtime.s (start-up, ELF walks, wrappers, helpers)
// and runtime.h. The host writes them to a folder for gcc; core only builds the text.

import { CRT_SOURCE } from './crt-source.js';
import { ELF_WALK_SOURCE } from './elf-walk-source.js';
import { HELPERS_SOURCE } from './helpers-source.js';
import { RUNTIME_HEADER } from './runtime-header.js';
import { wrappersSource } from './syscall-wrappers.js';

/** The whole runtime as one GNU-as file (Intel syntax, like the rest of the lab). */
export function runtimeSource(): string {
  return `# Syscall Lab guest runtime for x86-64 Linux (generated; see core/runtime/README.md).
.intel_syntax noprefix
${CRT_SOURCE}
${ELF_WALK_SOURCE}
${wrappersSource()}
${HELPERS_SOURCE}
.section .note.GNU-stack,"",@progbits
`;
}

export interface RuntimeFile {
  name: string;
  text: string;
}

export function runtimeFiles(): RuntimeFile[] {
  return [
    { name: 'runtime.s', text: runtimeSource() },
    { name: 'runtime.h', text: RUNTIME_HEADER },
  ];
}
