// The lab-pack format as typed data, mirroring labs/schema/*.schema.json.
// Values reach these types only after schema validation (see schema-validate.ts).

import type { Arch, RunEventType } from '../../../core/trace/events.js';

export type LabMode = 'emulated' | 'native' | 'mixed';

export interface PackManifest {
  id: string;
  title: string;
  description?: string;
  version: string;
  schemaVersion: 1;
  authors: string[];
  license: string;
  minAppVersion: string;
  /** Display order of lab folders; defaults to sorted folder names. */
  labs?: string[];
}

export interface LabStep {
  id: string;
  title: string;
  body: string;
}

export interface LabStarter {
  arch: Arch;
  file?: string;
  source?: string;
  name?: string;
}

export interface LabHint {
  step?: string;
  body: string;
}

export type ParamValue = number | string;

export interface LabParam {
  oneOf: ParamValue[];
  description?: string;
}

/** A where-clause value: scalar equality or a small comparison object. */
export type WhereValue =
  | string
  | number
  | boolean
  | null
  | { oneOf?: (string | number | boolean)[]; atLeast?: number | string; atMost?: number | string; contains?: string };

export type Where = Record<string, WhereValue>;

export interface EventMatch {
  event: RunEventType;
  where?: Where;
}

export interface TextMatch {
  equals?: string;
  contains?: string;
  matches?: string;
}

/** Numbers may arrive as strings after {{params.x}} substitution or as 0x-hex. */
export type Bound = number | string;

export interface CheckExpect {
  event?: RunEventType;
  where?: Where;
  after?: EventMatch;
  entryReg?: { syscall: string; reg: string; equals: string | number; which?: 'first' | 'last' | 'all' };
  exit?: { status?: number | string; signal?: string | number };
  stdout?: TextMatch;
  stderr?: TextMatch;
  count?: { event: RunEventType; where?: Where; atLeast?: Bound; atMost?: Bound; equals?: Bound };
  probe?: { ratio: { numerator: string; denominator: string; atLeast?: Bound; atMost?: Bound } };
}

export const CHECK_KINDS = ['event', 'entryReg', 'exit', 'stdout', 'stderr', 'count', 'probe'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export interface LabCheck {
  id: string;
  title: string;
  points: number;
  arch?: Arch;
  expect: CheckExpect;
}

export interface LabDef {
  title: string;
  topic: string;
  status?: 'ready' | 'coming-soon';
  tags?: string[];
  architectures: Arch[];
  mode: LabMode;
  estimatedMinutes: number;
  steps: LabStep[];
  starters?: LabStarter[];
  checks: LabCheck[];
  hints?: LabHint[];
  params?: Record<string, LabParam>;
}

/** A lab as loaded from a pack: its folder id plus the validated definition. */
export interface LoadedLab {
  id: string;
  /** Pack-relative path of lab.yaml, e.g. `labs/vdso/lab.yaml`. */
  file: string;
  def: LabDef;
}

export interface LoadedPack {
  manifest: PackManifest;
  labs: LoadedLab[];
}
