import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProgressStore } from '../../../../electron/host/progress/progress-store.js';
import { emptyProgress } from '../../../../electron/host/progress/progress-types.js';
import type { LabProgress } from '../../../../electron/host/progress/progress-types.js';
import { exportProgress } from '../../../../electron/host/progress/progress-export.js';
import { stateNumber, writeCrashChild } from './crash-child.js';
import { probeReport, timing } from '../packs/recorded-runner.js';

const PACK = 'example.syscall-lab';
const LAB = 'hello-write';
let userData: string;

beforeEach(async () => {
  userData = await mkdtemp(join(tmpdir(), 'progress-'));
});
afterEach(async () => {
  await rm(userData, { recursive: true, force: true });
});

function withDraft(text: string): LabProgress {
  return { ...emptyProgress(), stepsDone: ['write'], drafts: { 'main.s': text } };
}

const dir = (): string => join(userData, 'progress', PACK);

describe('ProgressStore', () => {
  it('starts a new lab empty and round-trips a save', async () => {
    const store = new ProgressStore(userData);
    expect(await store.load(PACK, LAB)).toEqual({ progress: emptyProgress(), source: 'new', notice: null });
    await store.saveNow(PACK, LAB, withDraft('mov $1, %eax'));
    const again = await new ProgressStore(userData).load(PACK, LAB);
    expect(again.progress).toEqual(withDraft('mov $1, %eax'));
    expect(again.source).toBe('file');
  });

  it('debounces: many saves become one write of the last state', async () => {
    const store = new ProgressStore(userData, { debounceMs: 60_000 });
    for (let i = 0; i < 100; i++) store.save(PACK, LAB, withDraft(`v${i}`));
    expect(store.writes).toBe(0);
    await expect(readdir(dir())).rejects.toThrow();
    await store.flush();
    expect(store.writes).toBe(1);
    expect(JSON.parse(await readFile(join(dir(), `${LAB}.json`), 'utf8'))).toEqual(withDraft('v99'));
  });

  it('loads a save that is still waiting in its debounce window, so a load-change-save keeps it', async () => {
    const store = new ProgressStore(userData, { debounceMs: 60_000 });
    await store.saveNow(PACK, LAB, withDraft('on disk'));
    store.save(PACK, LAB, { ...withDraft('typed since'), stepsDone: ['write', 'read'] });
    const loaded = await store.load(PACK, LAB);
    expect(loaded.source).toBe('pending');
    expect(loaded.progress).toEqual({ ...withDraft('typed since'), stepsDone: ['write', 'read'] });
    // A copy: changing it does not change what will be written.
    loaded.progress.stepsDone.push('exit');
    await store.flush();
    expect((await new ProgressStore(userData).load(PACK, LAB)).progress.stepsDone).toEqual(['write', 'read']);
  });

  it('peeks at the newest state without repairing anything', async () => {
    const store = new ProgressStore(userData, { debounceMs: 60_000 });
    expect(await store.peek(PACK, LAB)).toBeNull();
    await store.saveNow(PACK, LAB, withDraft('saved'));
    expect((await store.peek(PACK, LAB))?.drafts['main.s']).toBe('saved');
    store.save(PACK, LAB, withDraft('waiting'));
    expect((await store.peek(PACK, LAB))?.drafts['main.s']).toBe('waiting');
    await store.flush();
    await writeFile(join(dir(), `${LAB}.json`), '{ not json');
    expect(await store.peek(PACK, LAB)).toBeNull();
    // The damaged file is left where it is for load() to deal with (and report).
    expect(await readFile(join(dir(), `${LAB}.json`), 'utf8')).toBe('{ not json');
  });

  it('keeps the previous good version as .bak', async () => {
    const store = new ProgressStore(userData);
    await store.saveNow(PACK, LAB, withDraft('first'));
    await store.saveNow(PACK, LAB, withDraft('second'));
    expect(JSON.parse(await readFile(join(dir(), `${LAB}.json.bak`), 'utf8'))).toEqual(withDraft('first'));
    expect((await readdir(dir())).sort()).toEqual([`${LAB}.json`, `${LAB}.json.bak`]);
  });

  it('moves a corrupt file aside and loads the backup, with a message', async () => {
    const logs: string[] = [];
    const store = new ProgressStore(userData, { log: (m) => logs.push(m) });
    await store.saveNow(PACK, LAB, withDraft('good'));
    await store.saveNow(PACK, LAB, withDraft('newer'));
    await writeFile(join(dir(), `${LAB}.json`), '{"version":1,"stepsDone":["wri');
    const loaded = await new ProgressStore(userData, { log: (m) => logs.push(m) }).load(PACK, LAB);
    expect(loaded.source).toBe('backup');
    expect(loaded.progress).toEqual(withDraft('good'));
    expect(loaded.notice).toMatch(/^Saved progress for example\.syscall-lab\/hello-write was damaged \(not valid JSON .*\); it was moved to hello-write\.corrupt-1\.json\. Restored the previous save\.$/);
    expect(logs).toEqual([loaded.notice]);
    expect(await readFile(join(dir(), `${LAB}.corrupt-1.json`), 'utf8')).toBe('{"version":1,"stepsDone":["wri');
    // The backup became the live file again.
    expect((await new ProgressStore(userData).load(PACK, LAB)).source).toBe('file');
    // A second corruption goes to the next free name.
    await writeFile(join(dir(), `${LAB}.json`), '[]');
    await new ProgressStore(userData).load(PACK, LAB);
    expect((await readdir(dir())).sort()).toEqual([`${LAB}.corrupt-1.json`, `${LAB}.corrupt-2.json`, `${LAB}.json`, `${LAB}.json.bak`]);
  });

  it('starts fresh with a message when the file is corrupt and there is no backup', async () => {
    await mkdir(dir(), { recursive: true });
    await writeFile(join(dir(), `${LAB}.json`), '{"version":1}');
    const loaded = await new ProgressStore(userData).load(PACK, LAB);
    expect(loaded.source).toBe('new');
    expect(loaded.progress).toEqual(emptyProgress());
    expect(loaded.notice).toContain('not a progress record');
    expect(loaded.notice).toContain('No backup was available');
  });

  it("removes a dead writer's temp files on load and keeps a live one's", async () => {
    const store = new ProgressStore(userData);
    await store.saveNow(PACK, LAB, withDraft('x'));
    const dead = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', '0']);
      child.on('exit', () => resolve(child.pid ?? 0));
    });
    await writeFile(join(dir(), `.${LAB}.json.tmp-${dead}-7`), '{"partial');
    await writeFile(join(dir(), `${LAB}.json.bak-tmp-${dead}`), '{}');
    await writeFile(join(dir(), `.${LAB}.json.tmp-${process.pid}-9`), '{"mine');
    await store.load(PACK, LAB);
    expect((await readdir(dir())).sort()).toEqual([`.${LAB}.json.tmp-${process.pid}-9`, `${LAB}.json`]);
  });

  it('refuses ids that could leave the progress folder', async () => {
    const store = new ProgressStore(userData);
    await expect(store.load('../evil', LAB)).rejects.toThrow(/invalid pack id/);
    await expect(store.saveNow(PACK, '../../x', emptyProgress())).rejects.toThrow(/invalid lab id/);
  });

  it('exports every lab of a pack for an instructor', async () => {
    const store = new ProgressStore(userData);
    await store.saveNow(PACK, 'hello-write', withDraft('a'));
    await store.saveNow(PACK, 'vdso-cost', { ...emptyProgress(), probeRuns: [probeReport([timing('clock_gettime:vdso', 20)])] });
    await writeFile(join(dir(), 'broken.json'), 'nope');
    const exported = JSON.parse(await exportProgress(userData, PACK)) as Record<string, unknown>;
    expect(exported).toEqual({
      format: 'syscall-lab-progress',
      version: 1,
      packId: PACK,
      labs: { 'hello-write': withDraft('a'), 'vdso-cost': { ...emptyProgress(), probeRuns: [probeReport([timing('clock_gettime:vdso', 20)])] } },
      unreadable: ['broken'],
    });
    expect(JSON.parse(await exportProgress(userData, 'other-pack'))).toMatchObject({ labs: {}, unreadable: [] });
  });
});

describe('ProgressStore survives SIGKILL in the middle of saving', () => {
  it('always finds the last good state after the writer is killed', async () => {
    const childDir = await mkdtemp(join(tmpdir(), 'progress-child-'));
    try {
      const script = await writeCrashChild(childDir);
      for (const killAfter of [25, 140, 333]) {
        const { lastReported, stderr } = await runAndKill(script, userData, killAfter);
        expect(stderr).toBe('');
        expect(lastReported).toBeGreaterThanOrEqual(killAfter);
        const logs: string[] = [];
        const loaded = await new ProgressStore(userData, { log: (m) => logs.push(m) }).load(PACK, LAB);
        // The live file is intact: no repair was needed, and it holds a state the child wrote,
        // either the last one it reported or the one it was writing when killed.
        expect(logs).toEqual([]);
        expect(loaded.source).toBe('file');
        const n = Number(/# draft (\d+)/.exec(loaded.progress.drafts['main.s'] ?? '')?.[1]);
        expect([lastReported, lastReported + 1]).toContain(n);
        expect(loaded.progress).toEqual(stateNumber(n));
        // The killed writer's temp file (if any) was cleaned up by load(), unless its pid
        // was already reused by another live process (pid_max can be 32768 on a busy box).
        const leftovers = (await readdir(dir())).filter((f) => !/^hello-write\.json(\.bak)?$/.test(f) && !tempOfLivePid(f));
        expect(leftovers).toEqual([]);
      }
    } finally {
      await rm(childDir, { recursive: true, force: true });
    }
  });
});

function runAndKill(script: string, userDataDir: string, killAfter: number): Promise<{ lastReported: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, userDataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let lastReported = 0;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (stderr += d));
    child.stdout.on('data', (d: string) => {
      out += d;
      const lines = out.split('\n');
      out = lines.pop() ?? '';
      for (const l of lines) lastReported = Number(l);
      if (lastReported >= killAfter && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child ended without being killed: ${stderr}`));
      else resolve({ lastReported, stderr });
    });
  });
}

function tempOfLivePid(name: string): boolean {
  const pid = Number(/\.tmp-(\d+)-/.exec(name)?.[1]);
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
