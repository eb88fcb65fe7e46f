// JSON Schema validation (ajv, draft 2020-12) of labpack.yaml and lab.yaml, with
// ajv's JSON-pointer errors turned into `file:line: field: message` findings.

import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { PackIssue, PathSegment } from './pack-issue.js';
import { formatPath } from './pack-issue.js';
import { readSchema } from './schema-files.js';
import type { YamlSource } from './yaml-source.js';

let validators: { labpack: ValidateFunction; lab: ValidateFunction } | undefined;

function getValidators(): { labpack: ValidateFunction; lab: ValidateFunction } {
  if (validators) return validators;
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  validators = { labpack: ajv.compile(readSchema('labpack')), lab: ajv.compile(readSchema('lab')) };
  return validators;
}

export function validateAgainstSchema(kind: 'labpack' | 'lab', src: YamlSource): PackIssue[] {
  const validate = getValidators()[kind];
  if (validate(src.data)) return [];
  return simplify(validate.errors ?? []).map((e) => toIssue(e, src));
}

function pointerToPath(pointer: string): PathSegment[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

// oneOf failures report every branch; keep the branch errors only when nothing
// more specific exists, so authors see one message per mistake.
function simplify(errors: ErrorObject[]): ErrorObject[] {
  const out: ErrorObject[] = [];
  const seen = new Set<string>();
  const combinatorPaths = new Set(errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => e.instancePath));
  for (const e of errors) {
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf') continue;
    // Inside a failed oneOf, branch errors at the same path are guesses; report the oneOf once instead.
    if (combinatorPaths.has(e.instancePath) && e.schemaPath.includes('/oneOf/')) continue;
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  for (const path of combinatorPaths) {
    if (!out.some((e) => e.instancePath.startsWith(path))) {
      const e = errors.find((x) => x.instancePath === path && (x.keyword === 'oneOf' || x.keyword === 'anyOf'));
      if (e) out.push({ ...e, message: 'must be a number, string, boolean or a comparison object {oneOf|atLeast|atMost|contains}' });
    }
  }
  return out;
}

function toIssue(e: ErrorObject, src: YamlSource): PackIssue {
  const path = pointerToPath(e.instancePath);
  const params = e.params as Record<string, unknown>;
  let fieldPath = path;
  let linePath = path;
  let message = e.message ?? 'invalid';
  const last = path[path.length - 1];
  switch (e.keyword) {
    case 'enum':
    case 'const': {
      const value = JSON.stringify(valueAt(src.data, path)) ?? 'undefined';
      const shown = value.startsWith('"') ? `'${value.slice(1, -1)}'` : value;
      const allowed = (params['allowedValues'] as unknown[] | undefined) ?? [params['allowedValue']];
      if (typeof last === 'string') {
        fieldPath = path.slice(0, -1);
        message = `unknown ${last} ${shown} (expected ${allowed.map((v) => JSON.stringify(v)).join(', ')})`;
      } else {
        message = `unknown value ${shown} (expected ${allowed.map((v) => JSON.stringify(v)).join(', ')})`;
      }
      break;
    }
    case 'required':
      message = `missing required field '${String(params['missingProperty'])}'`;
      break;
    case 'additionalProperties': {
      const extra = String(params['additionalProperty']);
      linePath = [...path, extra];
      message = `unknown field '${extra}'`;
      break;
    }
    case 'propertyNames':
      message = `invalid name '${String(params['propertyName'])}'`;
      break;
    case 'pattern':
      message = `${JSON.stringify(valueAt(src.data, path))} does not match ${String(params['pattern'])}`;
      break;
    default:
      break;
  }
  return { severity: 'error', file: src.file, line: src.lineOf(linePath), field: formatPath(fieldPath), message };
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}
