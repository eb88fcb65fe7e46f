// Fuzzing the .labpack importer: the example pack zipped, then given hostile entry names
// (zip slip, absolute, drive letters, backslashes, control characters), symlink and
// device modes, thousands of entries, truncation, byte flips and lying sizes. The zip
// reader answers files with safe paths or a PackError with a reason (10,000 inputs);
// every 50th input also goes through importPack on disk, which must write nothing
// outside userData/packs/<id>/<version>, and nothing at all when it refuses.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { zipSync, type Zippable } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPackDir, type PackFiles } from '../../electron/host/packs/pack-files.js';
import { importPack } from '../../electron/host/packs/pack-import.js';
import { PackError } from '../../electron/host/packs/pack-issue.js';
import { unsafePathReason } from '../../electron/host/packs/pack-limits.js';
import { readPackZip } from '../../electron/host/packs/zip-read.js';
import { FUZZ_TIMEOUT_MS, fuzzParams, Tally } from './fuzz-budget.js';

const EXAMPLE = fileURLToPath(new URL('../fixtures/packs/example', import.meta.url));
const HOSTILE_NAMES = [
  '../evil.txt', '../../evil.txt', 'labs/../../evil.txt', 'labs/hello-write/../../../evil', '/etc/evil', '/tmp/evil.txt', 'C:/evil.txt', 'C:\\evil.txt',
  'labs\\..\\..\\evil.txt', 'labs/./x.md', 'labs//x.md', 'labs/x\u0000.md', 'labs/x\n.md', '.', '..', '', 'a'.repeat(500), 'labs/hello-write/lab.yaml',
  'labpack.yaml', 'labs/%2e%2e/evil', 'labs/\u202eevil.md', 'labs/hello-write/…/x.md',
];
const S_IFLNK = 0o120000;
const S_IFCHR = 0o020000;

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

let example: PackFiles;
let work: string;
/** The example pack plus 5,001 empty files: past the 5,000-file limit (built once). */
let manyEntries: Uint8Array;
beforeAll(async () => {
  example = await readPackDir(EXAMPLE);
  const input: Zippable = Object.fromEntries(example);
  for (let i = 0; i < 5001; i++) input[`labs/hello-write/f${i}.md`] = new Uint8Array(0);
  manyEntries = zipSync(input, { level: 1 });
  work = await mkdtemp(join(tmpdir(), 'labpack-fuzz-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

interface Plan {
  extra: [string, number, number][];
  mode: number;
  many: number;
  flips: [number, number][];
  cut: number;
}

function build(plan: Plan): Uint8Array {
  const input: Zippable = {};
  for (const [path, data] of example) input[path] = [data, { attrs: 0o100644 << 16, os: 3 }];
  for (const [name, kind, n] of plan.extra) {
    const mode = kind % 3 === 0 ? S_IFLNK | 0o777 : kind % 3 === 1 ? S_IFCHR | 0o644 : 0o100644;
    input[name] = [new TextEncoder().encode(kind % 3 === 0 ? '/etc/passwd' : 'x'.repeat(n)), { attrs: (plan.mode === 1 ? mode : 0o100644) << 16, os: 3 }];
  }
  let zip = plan.many > 0 ? manyEntries.slice() : zipSync(input, { level: 1 });
  for (const [at, v] of plan.flips) zip[at % zip.length] = v;
  if (plan.cut > 0) zip = zip.slice(0, zip.length - (plan.cut % zip.length));
  return zip;
}

const plan: fc.Arbitrary<Plan> = fc.record({
  extra: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...HOSTILE_NAMES), fc.string({ maxLength: 20 })), fc.nat(5), fc.nat(64)), { maxLength: 3 }),
  mode: fc.nat(1),
  many: fc.oneof({ arbitrary: fc.constant(0), weight: 20 }, { arbitrary: fc.constant(5001), weight: 1 }),
  flips: fc.oneof({ arbitrary: fc.constant<[number, number][]>([]), weight: 2 }, { arbitrary: fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 4 }), weight: 1 }),
  cut: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.nat(), weight: 1 }),
});

describe('.labpack importer fuzz', () => {
  it('reads hostile zips into safe paths or refuses them with a reason; imports write only inside the pack folder', async () => {
    const tally = new Tally();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        const zip = build(p);
        let files: PackFiles | null = null;
        try {
          files = readPackZip(zip);
        } catch (err) {
          if (!(err instanceof PackError)) throw err;
          expect(err.message.length).toBeGreaterThan(0);
          tally.add('zip refused', err.message.replace(/\d+/g, 'N'));
        }
        if (files !== null) {
          for (const path of files.keys()) expect(unsafePathReason(path), path).toBeNull();
          tally.add('zip read');
        }
        if (++n % 50 !== 0) return;
        const userData = join(work, `u${n}`);
        const file = join(work, `p${n}.labpack`);
        await writeFile(file, zip);
        const outcome = await importPack(file, userData, { appVersion: '99.0.0' }).then(
          (r) => r,
          (err: unknown) => {
            if (!(err instanceof PackError)) throw err;
            return null;
          },
        );
        const written = (await walk(work)).map((f) => relative(work, f)).filter((f) => f !== `p${n}.labpack` && !/^p\d+\.labpack$/.test(f) && !f.startsWith(`u${n - 50}`));
        if (outcome === null) {
          expect(written.filter((f) => f.startsWith(`u${n}`))).toEqual([]);
          tally.add('import refused, nothing written');
        } else {
          const prefix = join(`u${n}`, 'packs', outcome.id, outcome.version) + '/';
          for (const f of written.filter((w) => w.startsWith(`u${n}`))) expect(f.startsWith(prefix), f).toBe(true);
          tally.add('imported inside its folder');
        }
        expect(written.filter((f) => !f.startsWith('u'))).toEqual([]);
        await rm(userData, { recursive: true, force: true });
        await rm(file, { force: true });
      }),
      fuzzParams(),
    );
    console.log(tally.report('.labpack importer fuzz'));
    expect(tally.get('zip read')).toBeGreaterThan(1000);
  }, FUZZ_TIMEOUT_MS);
});
