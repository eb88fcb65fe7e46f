// The guest runtime as files: runtime.s (start-up, ELF walks, wrappers, helpers)
// and runtime.h, for x86-64 or AArch64. The host writes them to a folder for gcc;
// core only builds the text.

import type { Arch } from '../trace/events.js';
import { CRT_SOURCE } from './crt-source.js';
import { CRT_SOURCE_ARM64 } from './crt-source-arm64.js';
import { ELF_WALK_SOURCE } from './elf-walk-source.js';
import { ELF_WALK_SOURCE_ARM64 } from './elf-walk-source-arm64.js';
import { HELPERS_SOURCE } from './helpers-source.js';
import { HELPERS_SOURCE_ARM64 } from './helpers-source-arm64.js';
import { LEGACY_CALLS_ARM64 } from './legacy-calls-arm64.js';
import { runtimeHeader } from './runtime-header.js';
import { wrappersSource } from './syscall-wrappers.js';
import { wrappersSourceArm64 } from './syscall-wrappers-arm64.js';

/** The whole runtime as one GNU-as file (Intel syntax on x86-64, like the rest of the lab). */
export function runtimeSource(arch: Arch = 'x86_64'): string {
  if (arch === 'arm64') {
    return `// Syscall Lab guest runtime for AArch64 Linux (generated; see core/runtime/README.md).
${CRT_SOURCE_ARM64}
${ELF_WALK_SOURCE_ARM64}
${wrappersSourceArm64()}
${LEGACY_CALLS_ARM64}
${HELPERS_SOURCE_ARM64}
.section .note.GNU-stack,"",%progbits
`;
  }
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

export function runtimeFiles(arch: Arch = 'x86_64'): RuntimeFile[] {
  return [
    { name: 'runtime.s', text: runtimeSource(arch) },
    { name: 'runtime.h', text: runtimeHeader(arch) },
  ];
}
