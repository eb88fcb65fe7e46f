// The worked example in labs/README.md must stay a valid lab.

import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadPack } from '../../../../electron/host/packs/pack-load.js';
import type { PackFiles } from '../../../../electron/host/packs/pack-files.js';
import { formatIssue } from '../../../../electron/host/packs/pack-issue.js';

const GUIDE = fileURLToPath(new URL('../../../../labs/README.md', import.meta.url));
const enc = new TextEncoder();

function yamlBlockAfter(markdown: string, heading: string): string {
  const at = markdown.indexOf(heading);
  const start = markdown.indexOf('```yaml\n', at) + '```yaml\n'.length;
  return markdown.slice(start, markdown.indexOf('```', start));
}

describe('labs/README.md', () => {
  it('has a manifest and worked example that validate', async () => {
    const guide = await readFile(GUIDE, 'utf8');
    const manifest = yamlBlockAfter(guide, '## The manifest').replace('labs: [signals, vdso]', 'labs: [signals]');
    const files: PackFiles = new Map([
      ['labpack.yaml', enc.encode(manifest)],
      ['labs/signals/lab.yaml', enc.encode(yamlBlockAfter(guide, '### Worked example'))],
      ['labs/signals/read.s', enc.encode('# read {{params.bufSize}} bytes\n')],
      ['labs/signals/img/timeline.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47])],
    ]);
    const result = loadPack(files, { appVersion: '0.1.0' });
    expect(result.issues.map(formatIssue)).toEqual([]);
    expect(result.pack?.labs[0]?.def.checks.map((c) => c.id)).toEqual(['right-size', 'eintr', 'clean-exit']);
  });
});
