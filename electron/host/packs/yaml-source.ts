// Parses a pack's YAML while keeping source positions, so every later finding
// (schema or semantic) can name the line of the field it is about.

import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { PackIssue, PathSegment } from './pack-issue.js';

export interface YamlSource {
  file: string;
  /** Plain JS value of the document; undefined when the YAML did not parse. */
  data: unknown;
  /** Syntax errors, already positioned. */
  issues: PackIssue[];
  /** 1-based line of the deepest node on `path` that exists (the key's line for map entries). */
  lineOf(path: readonly PathSegment[]): number;
}

// YAML bombs (billion laughs) expand through aliases; a pack never needs many.
const MAX_ALIAS_COUNT = 100;

export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const issues: PackIssue[] = [];
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;

  for (const err of doc.errors) {
    issues.push({ severity: 'error', file, line: lineAt(err.pos[0]), field: '', message: firstLine(err.message) });
  }
  let data: unknown;
  if (issues.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      issues.push({ severity: 'error', file, line: 0, field: '', message: `cannot read YAML: ${(e as Error).message}` });
    }
  }
  return { file, data, issues, lineOf: (path) => lineOfPath(doc, path, lineAt) };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function lineOfPath(doc: Document, path: readonly PathSegment[], lineAt: (offset: number) => number): number {
  let node: unknown = doc.contents;
  let line = nodeLine(node, lineAt) ?? 1;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return line;
      line = nodeLine(pair.key, lineAt) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item: unknown = node.items[seg];
      if (item === undefined) return line;
      line = nodeLine(item, lineAt) ?? line;
      node = item;
    } else {
      return line;
    }
  }
  return line;
}

function nodeLine(node: unknown, lineAt: (offset: number) => number): number | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: [number, number, number] | null }).range;
    if (range) return lineAt(range[0]);
  }
  return undefined;
}
