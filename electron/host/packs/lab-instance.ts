// One student's view of a lab: params drawn from their seed and substituted into
// step text, hints and starter code, with Markdown rendered through the host
// sanitizer. This is what the lab player shows and what grading assumes.

import type { Arch } from '../../../core/trace/events.js';
import { renderMarkdown } from './markdown.js';
import type { MarkdownOptions } from './markdown.js';
import type { PackFiles } from './pack-files.js';
import type { LoadedLab } from './pack-types.js';
import { drawParams, substituteText } from './params.js';
import type { ParamValues } from './params.js';

export interface StarterSource {
  arch: Arch;
  fileName: string;
  source: string;
}

export interface LabInstance {
  labId: string;
  seed: string;
  params: ParamValues;
  steps: { id: string; title: string; markdown: string; html: string }[];
  hints: { step: string | null; markdown: string; html: string }[];
  starters: StarterSource[];
}

/** Images larger than this stay as their alt text (lab text is sent whole to the renderer). */
export const MAX_INLINE_IMAGE_BYTES = 2 * 1024 * 1024;

const IMAGE_TYPES: Readonly<Record<string, string>> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

/**
 * Images in lab text are files of the lab's folder, inlined as data: URLs: the
 * renderer loads nothing from outside itself (the CSP allows data: images), and both
 * hosts show them the same way with no asset server.
 */
export function labAssetUrl(files: PackFiles, labId: string): (path: string) => string | null {
  return (path) => {
    const type = IMAGE_TYPES[path.slice(path.lastIndexOf('.') + 1).toLowerCase()];
    const bytes = files.get(`labs/${labId}/${path}`);
    if (type === undefined || bytes === undefined || bytes.length > MAX_INLINE_IMAGE_BYTES) return null;
    return `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;
  };
}

export function instantiateLab(files: PackFiles, lab: LoadedLab, seed: string, options: MarkdownOptions = {}): LabInstance {
  const md: MarkdownOptions = { assetUrl: labAssetUrl(files, lab.id), ...options };
  const params = drawParams(lab.id, lab.def, seed);
  const text = (s: string): string => substituteText(s, params);
  const starters: StarterSource[] = [];
  for (const s of lab.def.starters ?? []) {
    if (s.source !== undefined) {
      starters.push({ arch: s.arch, fileName: s.name ?? (s.arch === 'arm64' ? 'main-arm64.s' : 'main.s'), source: text(s.source) });
    } else if (s.file !== undefined) {
      const bytes = files.get(`labs/${lab.id}/${s.file}`);
      if (!bytes) throw new Error(`starter ${s.file} missing from lab ${lab.id}`);
      starters.push({ arch: s.arch, fileName: s.file.split('/').pop() ?? s.file, source: text(new TextDecoder().decode(bytes)) });
    }
  }
  return {
    labId: lab.id,
    seed,
    params,
    steps: lab.def.steps.map((s) => ({ id: s.id, title: text(s.title), markdown: text(s.body), html: renderMarkdown(text(s.body), md) })),
    hints: (lab.def.hints ?? []).map((h) => ({ step: h.step ?? null, markdown: text(h.body), html: renderMarkdown(text(h.body), md) })),
    starters,
  };
}
