// AArch64 assembler entry point: GNU as syntax in, ObjectImage out
// (link with core/elf/link.ts). Same result type as the x86-64 assembler.

import { assemble, type AssembleOptions, type AssembleResult } from '../../../asm/index.js';
import { createArm64Backend } from './backend.js';

export type { AssembleResult } from '../../../asm/index.js';

export function assembleArm64(source: string, opts?: AssembleOptions): AssembleResult {
  return assemble(source, createArm64Backend(), opts);
}
