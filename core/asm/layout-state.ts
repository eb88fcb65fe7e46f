// State of one layout pass, shared by layout.ts, literal-pool.ts and build-image.ts.

import type { Expr, ExprValue } from './expr.js';
import type { AsmError, ObjectFixup, SourceMapEntry } from './types.js';

export interface PassResult {
  sizes: number[];
  /** GNU frag number of each label (see ExprValue.unresolved). */
  labelFrags: Map<string, number>;
  /** Offset of each statement in its section. */
  starts: number[];
  labels: Map<string, number>;
  equs: Map<string, ExprValue>;
  poolBases: Map<string, number>;
  sectionSizes: Map<string, number>;
  sectionAlign: Map<string, number>;
  bytes: Map<string, number[]>;
  fixups: ObjectFixup[];
  sourceMap: SourceMapEntry[];
  errors: AsmError[];
}

export interface Pool {
  section: string;
  size: 4 | 8;
  entries: { key: string; expr: Expr; line: number; column: number }[];
}

