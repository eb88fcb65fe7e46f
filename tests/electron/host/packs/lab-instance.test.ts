import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readPackDir } from '../../../../electron/host/packs/pack-files.js';
import { loadPack } from '../../../../electron/host/packs/pack-load.js';
import { instantiateLab, MAX_INLINE_IMAGE_BYTES } from '../../../../electron/host/packs/lab-instance.js';
import { readFile } from 'node:fs/promises';
import { drawParams } from '../../../../electron/host/packs/params.js';

const EXAMPLE = fileURLToPath(new URL('../../../fixtures/packs/example', import.meta.url));

describe('instantiateLab', () => {
  it("fills one student's variant into steps, starters and hints, and renders Markdown safely", async () => {
    const files = await readPackDir(EXAMPLE);
    const lab = loadPack(files, { appVersion: '0.1.0' }).pack?.labs.find((l) => l.id === 'hello-write');
    if (!lab) throw new Error('no lab');
    const inst = instantiateLab(files, lab, 'bob', { assetUrl: (p) => `labpack://example/hello-write/${p}` });
    const p = drawParams('hello-write', lab.def, 'bob');
    expect(inst.params).toEqual(p);
    expect(inst.steps[1]?.markdown).toContain(`up to **${p['bufSize']}** bytes`);
    expect(inst.steps[1]?.html).toContain(`<strong>${p['bufSize']}</strong>`);
    expect(inst.steps[0]?.html).toContain('<img src="labpack://example/hello-write/img/boundary.png" alt="The user/kernel boundary">');
    expect(inst.steps[0]?.html).toContain('<a href="#md-read">the next step</a>');
    expect(inst.starters.map((s) => [s.arch, s.fileName])).toEqual([
      ['x86_64', 'hello.s'],
      ['arm64', 'hello-arm64.s'],
    ]);
    expect(inst.starters.every((s) => !s.source.includes('{{'))).toBe(true);
    expect(inst.hints.map((h) => h.step)).toEqual(['write', 'read']);
    expect(inst.hints[1]?.html).toBe('<p><code>alarm(1)</code> before <code>read</code> makes the kernel send SIGALRM one second later.</p>\n');
  });

  it("inlines the lab's own images as data: URLs by default, byte for byte, and leaves oversized ones as text", async () => {
    const files = await readPackDir(EXAMPLE);
    const lab = loadPack(files, { appVersion: '0.1.0' }).pack?.labs.find((l) => l.id === 'hello-write');
    if (!lab) throw new Error('no lab');
    const html = instantiateLab(files, lab, 'bob').steps[0]?.html ?? '';
    const m = /<img src="data:image\/png;base64,([A-Za-z0-9+/=]+)" alt="The user\/kernel boundary">/.exec(html);
    expect(m).not.toBeNull();
    const png = await readFile(`${EXAMPLE}/labs/hello-write/img/boundary.png`);
    expect(Buffer.from(m![1]!, 'base64').equals(png)).toBe(true);
    const big = new Map(files);
    big.set('labs/hello-write/img/boundary.png', new Uint8Array(MAX_INLINE_IMAGE_BYTES + 1));
    const text = instantiateLab(big, lab, 'bob').steps[0]?.html ?? '';
    expect(text).not.toContain('<img');
    expect(text).toContain('<span class="image-removed">The user/kernel boundary</span>');
  });
});
