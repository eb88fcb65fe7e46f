// Loads and validates a whole pack from its files: manifest, every lab, schema
// then semantics. Returns every finding at once so authors fix them in one pass.

import { labSemanticIssues, IMAGE_EXTENSIONS } from './lab-semantics.js';
import type { PackFiles } from './pack-files.js';
import { formatPath, hasErrors } from './pack-issue.js';
import type { PackIssue } from './pack-issue.js';
import type { LabDef, LoadedLab, LoadedPack, PackManifest } from './pack-types.js';
import { validateAgainstSchema } from './schema-validate.js';
import { compareSemver, parseSemver } from './semver.js';
import { parseYamlSource } from './yaml-source.js';
import type { YamlSource } from './yaml-source.js';

export const MANIFEST_FILE = 'labpack.yaml';
const LAB_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const TEXT_EXTENSIONS = ['.yaml', '.yml', '.md', '.txt', '.s', '.S', '.asm', '.c', '.h', '.json'];
const TOP_LEVEL_ALLOWED = /^(labpack\.yaml|README(\.md)?|LICENSE(\.md|\.txt)?|CHANGELOG\.md)$/;

export interface LoadOptions {
  /** The running app's version, checked against minAppVersion. */
  appVersion: string;
}

export interface LoadResult {
  /** Present when there are no errors (warnings allowed). */
  pack: LoadedPack | null;
  issues: PackIssue[];
}

export function loadPack(files: PackFiles, opts: LoadOptions): LoadResult {
  const issues: PackIssue[] = [];
  const manifest = loadManifest(files, opts, issues);

  const labIds = new Set<string>();
  for (const path of files.keys()) {
    const m = /^labs\/([^/]+)\//.exec(path);
    if (m && m[1] !== undefined) labIds.add(m[1]);
  }
  const labs: LoadedLab[] = [];
  for (const id of [...labIds].sort()) {
    const file = `labs/${id}/lab.yaml`;
    if (!LAB_ID.test(id)) {
      issues.push({ severity: 'error', file: `labs/${id}`, line: 0, field: '', message: `lab folder name must match ${LAB_ID.source}` });
      continue;
    }
    const src = parse(files, file, issues);
    if (!src) continue;
    const schemaIssues = validateAgainstSchema('lab', src);
    issues.push(...schemaIssues);
    if (schemaIssues.length > 0) continue;
    const def = src.data as LabDef;
    issues.push(...labSemanticIssues(id, def, src, files));
    labs.push({ id, file, def });
  }
  if (labIds.size === 0) issues.push({ severity: 'error', file: 'labs/', line: 0, field: '', message: 'the pack has no labs (expected labs/<id>/lab.yaml)' });

  for (const path of files.keys()) {
    if (!path.includes('/') && !TOP_LEVEL_ALLOWED.test(path)) {
      issues.push({ severity: 'warning', file: path, line: 0, field: '', message: 'file outside labs/ is not used' });
    } else if (path.startsWith('labs/') && ![...TEXT_EXTENSIONS, ...IMAGE_EXTENSIONS].some((ext) => path.toLowerCase().endsWith(ext.toLowerCase()))) {
      issues.push({ severity: 'warning', file: path, line: 0, field: '', message: 'unexpected file type; packs hold text, starters and images' });
    }
  }

  if (manifest && manifest.data.labs) {
    const order = manifest.data.labs;
    order.forEach((id, i) => {
      if (!labIds.has(id)) issues.push(issueAt(manifest.src, ['labs', i], `lab '${id}' has no folder labs/${id}/`));
    });
    for (const id of labIds) {
      if (!order.includes(id)) issues.push(issueAt(manifest.src, ['labs'], `lab folder '${id}' is missing from labs`));
    }
    const rank = (id: string): number => order.indexOf(id);
    labs.sort((a, b) => rank(a.id) - rank(b.id));
  }

  const ok = manifest !== null && !hasErrors(issues);
  return { pack: ok ? { manifest: manifest.data, labs } : null, issues };
}

function issueAt(src: YamlSource, path: (string | number)[], message: string): PackIssue {
  return { severity: 'error', file: src.file, line: src.lineOf(path), field: formatPath(path), message };
}

function parse(files: PackFiles, file: string, issues: PackIssue[]): YamlSource | null {
  const bytes = files.get(file);
  if (!bytes) {
    issues.push({ severity: 'error', file, line: 0, field: '', message: 'file is missing' });
    return null;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    issues.push({ severity: 'error', file, line: 0, field: '', message: 'file is not UTF-8 text' });
    return null;
  }
  const src = parseYamlSource(file, text);
  issues.push(...src.issues);
  return src.issues.length > 0 ? null : src;
}

function loadManifest(files: PackFiles, opts: LoadOptions, issues: PackIssue[]): { data: PackManifest; src: YamlSource } | null {
  const src = parse(files, MANIFEST_FILE, issues);
  if (!src) return null;
  const schemaIssues = validateAgainstSchema('labpack', src);
  issues.push(...schemaIssues);
  if (schemaIssues.length > 0) return null;
  const data = src.data as PackManifest;
  const need = parseSemver(data.minAppVersion);
  const have = parseSemver(opts.appVersion);
  if (need && have && compareSemver(need, have) > 0) {
    issues.push(issueAt(src, ['minAppVersion'], `pack needs Syscall Lab ${data.minAppVersion} or newer (this is ${opts.appVersion})`));
  }
  return { data, src };
}
