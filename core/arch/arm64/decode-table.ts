// The AArch64 instruction table: every implemented encoding class as one row
// {mask, value, form, exec, disasm}. Order matters only where rows overlap (the
// first match wins); decoder.ts expands the rows into a dispatch array.
import { BRANCH_ROWS } from './ops-branch.js';
import { DP_IMM_ROWS } from './ops-dp-imm.js';
import { DP_EXTRA_ROWS } from './ops-dp-extra.js';
import { DP_MUL_ROWS } from './ops-dp-mul.js';
import { DP_REG_ROWS } from './ops-dp-reg.js';
import { EXCL_ROWS } from './ops-ldst-excl.js';
import { LDST_ROWS } from './ops-ldst.js';
import { SYSTEM_ROWS } from './ops-system.js';
import type { InsnRow } from './types.js';

export const ROWS: InsnRow[] = [...SYSTEM_ROWS, ...BRANCH_ROWS, ...DP_IMM_ROWS, ...DP_REG_ROWS, ...DP_MUL_ROWS, ...DP_EXTRA_ROWS, ...LDST_ROWS, ...EXCL_ROWS];
