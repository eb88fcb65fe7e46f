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

export function instantiateLab(files: PackFiles, lab: LoadedLab, seed: string, md: MarkdownOptions = {}): LabInstance {
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
