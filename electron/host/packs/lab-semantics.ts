// Checks on a schema-valid lab.yaml that JSON Schema cannot express: unique ids,
// starters that exist, params that exist, where-fields that exist, safe regexes,
// and Markdown that only points at the lab's own images.

import { ENTRY_REGS } from '../../../core/trace/entry-regs.js';
import { EVENT_FIELDS } from './event-fields.js';
import { isPackAssetPath, markdownRefs } from './markdown.js';
import type { PackFiles } from './pack-files.js';
import { formatPath } from './pack-issue.js';
import type { PackIssue, PathSegment } from './pack-issue.js';
import type { CheckExpect, LabDef, Where } from './pack-types.js';
import { CHECK_KINDS } from './pack-types.js';
import { placeholders, substituteDeep } from './params.js';
import type { ParamValues } from './params.js';
import { compileSafeRegex, SafeRegexError } from './safe-regex.js';
import { signalNumber } from './signal-names.js';
import type { YamlSource } from './yaml-source.js';

export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.gif', '.webp'];

export function labSemanticIssues(labId: string, def: LabDef, src: YamlSource, files: PackFiles): PackIssue[] {
  const issues: PackIssue[] = [];
  const report = (path: PathSegment[], message: string, severity: PackIssue['severity'] = 'error'): void => {
    issues.push({ severity, file: src.file, line: src.lineOf(path), field: formatPath(path), message });
  };
  const labDir = `labs/${labId}/`;

  duplicates(def.steps.map((s) => s.id), (i, id) => report(['steps', i, 'id'], `duplicate step id '${id}'`));
  duplicates(def.checks.map((c) => c.id), (i, id) => report(['checks', i, 'id'], `duplicate check id '${id}'`));

  const params = def.params ?? {};
  const usedParams = new Set<string>();
  const scanText = (text: string, path: PathSegment[]): void => {
    for (const p of placeholders(text)) {
      if (p.param === null) report(path, `malformed placeholder ${p.raw} (expected {{params.NAME}})`);
      else if (!(p.param in params)) report(path, `unknown param '${p.param}' in ${p.raw}`);
      else usedParams.add(p.param);
    }
  };
  const scanDeep = (value: unknown, path: PathSegment[]): void => {
    if (typeof value === 'string') scanText(value, path);
    else if (Array.isArray(value)) value.forEach((v, i) => scanDeep(v, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) scanDeep(v, [...path, k]);
  };

  def.steps.forEach((step, i) => {
    scanText(step.title, ['steps', i, 'title']);
    scanText(step.body, ['steps', i, 'body']);
    markdownIssues(step.body, labDir, files, ['steps', i, 'body'], report);
  });
  (def.hints ?? []).forEach((hint, i) => {
    scanText(hint.body, ['hints', i, 'body']);
    markdownIssues(hint.body, labDir, files, ['hints', i, 'body'], report);
    if (hint.step !== undefined && !def.steps.some((s) => s.id === hint.step)) report(['hints', i, 'step'], `unknown step '${hint.step}'`);
  });

  const starterArchs = new Set<string>();
  (def.starters ?? []).forEach((starter, i) => {
    const path: PathSegment[] = ['starters', i];
    if ((starter.file === undefined) === (starter.source === undefined)) report(path, 'a starter needs exactly one of file or source');
    if (starter.name !== undefined && starter.file !== undefined) report([...path, 'name'], 'name is only for inline sources (a file starter uses its file name)');
    if (!def.architectures.includes(starter.arch)) report([...path, 'arch'], `arch '${starter.arch}' is not in architectures`);
    if (starterArchs.has(starter.arch)) report([...path, 'arch'], `second starter for ${starter.arch}`);
    starterArchs.add(starter.arch);
    if (starter.source !== undefined) scanText(starter.source, [...path, 'source']);
    if (starter.file !== undefined) {
      const bytes = files.get(labDir + starter.file);
      if (!bytes || starter.file.split('/').includes('..')) report([...path, 'file'], `starter file '${starter.file}' not found in ${labDir}`);
      else {
        const text = decodeUtf8(bytes);
        if (text === null) report([...path, 'file'], `starter file '${starter.file}' is not UTF-8 text`);
        else scanText(text, [...path, 'file']);
      }
    }
  });
  const comingSoon = def.status === 'coming-soon';
  if (def.checks.length === 0 && !comingSoon) report(['checks'], 'a lab needs at least one check (or status: coming-soon)');
  if (def.mode !== 'native' && !comingSoon) {
    for (const arch of def.architectures) {
      if (!starterArchs.has(arch)) report(['starters'], `no starter for ${arch}`, 'warning');
    }
  }

  def.checks.forEach((check, i) => {
    const path: PathSegment[] = ['checks', i];
    if (check.arch !== undefined && !def.architectures.includes(check.arch)) report([...path, 'arch'], `arch '${check.arch}' is not in architectures`);
    scanDeep(check.expect, [...path, 'expect']);
    expectIssues(check.expect, [...path, 'expect'], report, firstValues(def));
    const reg = check.expect.entryReg?.reg;
    if (reg !== undefined) {
      // rcx means nothing on arm64 and x8 nothing on x86-64: a check for one arch says so with `arch:`.
      for (const arch of check.arch !== undefined ? [check.arch] : def.architectures) {
        if (!ENTRY_REGS[arch].includes(reg)) {
          const limit = check.arch === undefined && def.architectures.length > 1 ? '; add arch: to grade it on one architecture only' : '';
          report([...path, 'expect', 'entryReg', 'reg'], `register '${reg}' is not recorded at syscall entry on ${arch} (known: ${ENTRY_REGS[arch].join(', ')})${limit}`);
        }
      }
    }
  });

  for (const name of Object.keys(params)) {
    if (!usedParams.has(name)) report(['params', name], `param '${name}' is never used`, 'warning');
  }
  return issues;
}

type Report = (path: PathSegment[], message: string, severity?: PackIssue['severity']) => void;

function duplicates(ids: string[], onDuplicate: (index: number, id: string) => void): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) onDuplicate(i, id);
    seen.add(id);
  });
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function firstValues(def: LabDef): ParamValues {
  const out: ParamValues = {};
  for (const [k, p] of Object.entries(def.params ?? {})) if (p.oneOf[0] !== undefined) out[k] = p.oneOf[0];
  return out;
}

function expectIssues(expect: CheckExpect, path: PathSegment[], report: Report, sample: ParamValues): void {
  const kinds = CHECK_KINDS.filter((k) => expect[k] !== undefined);
  if (kinds.length !== 1) {
    report(path, kinds.length === 0 ? `needs one of ${CHECK_KINDS.join(', ')}` : `has more than one check kind (${kinds.join(', ')}); split it into separate checks`);
    return;
  }
  if (kinds[0] !== 'event' && (expect.where !== undefined || expect.after !== undefined)) report(path, 'where/after belong to an event check');
  if (expect.event) whereIssues(expect.event, expect.where, [...path, 'where'], report);
  if (expect.after) whereIssues(expect.after.event, expect.after.where, [...path, 'after', 'where'], report);
  if (expect.count) {
    whereIssues(expect.count.event, expect.count.where, [...path, 'count', 'where'], report);
    if (expect.count.atLeast === undefined && expect.count.atMost === undefined && expect.count.equals === undefined) {
      report([...path, 'count'], 'needs atLeast, atMost or equals');
    }
  }
  if (expect.probe) {
    const r = expect.probe.ratio;
    if (r.atLeast === undefined && r.atMost === undefined) report([...path, 'probe', 'ratio'], 'needs atLeast or atMost');
  }
  const sig = expect.exit?.signal;
  if (sig !== undefined && signalNumber(typeof sig === 'string' ? substituteDeep(sig, sample) : sig) === null) {
    report([...path, 'exit', 'signal'], `unknown signal '${String(sig)}'`);
  }
  for (const stream of ['stdout', 'stderr'] as const) {
    const pattern = expect[stream]?.matches;
    if (pattern === undefined) continue;
    try {
      compileSafeRegex(substituteDeep(pattern, sample));
    } catch (e) {
      if (!(e instanceof SafeRegexError)) throw e;
      report([...path, stream, 'matches'], `unsupported pattern: ${e.message}`);
    }
  }
}

function whereIssues(event: keyof typeof EVENT_FIELDS, where: Where | undefined, path: PathSegment[], report: Report): void {
  const allowed = EVENT_FIELDS[event];
  for (const field of Object.keys(where ?? {})) {
    if (!allowed.includes(field)) report([...path, field], `unknown field '${field}' for ${event} events (known: ${allowed.join(', ')})`);
  }
}

function markdownIssues(body: string, labDir: string, files: PackFiles, path: PathSegment[], report: Report): void {
  const refs = markdownRefs(body);
  for (const href of refs.images) {
    if (!isPackAssetPath(href)) report(path, `image '${href}' must be a relative path to a file in the lab folder (no remote images)`);
    else if (!IMAGE_EXTENSIONS.some((ext) => href.toLowerCase().endsWith(ext))) report(path, `image '${href}' must be one of ${IMAGE_EXTENSIONS.join(' ')}`);
    else if (!files.has(labDir + href)) report(path, `image '${href}' not found in ${labDir}`);
  }
  for (const href of refs.links) {
    if (!/^#[A-Za-z0-9_-]+$/.test(href) && !/^https?:\/\//i.test(href)) report(path, `link '${href}' is neither an #anchor nor an http(s) URL; it will be shown as text`, 'warning');
  }
  if (refs.rawHtml.length > 0) report(path, `raw HTML is not rendered (${refs.rawHtml[0]})`, 'warning');
}
