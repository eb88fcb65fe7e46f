// The app's preferences: one small JSON object of strings in the user data folder,
// written atomically with a backup. A missing or unreadable file reads as empty.

import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './progress/atomic-write.js';

export function prefsPath(userDataDir: string): string {
  return join(userDataDir, 'prefs.json');
}

export async function readPrefs(userDataDir: string): Promise<Record<string, string>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(prefsPath(userDataDir), 'utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

async function writePrefs(userDataDir: string, prefs: Record<string, string>): Promise<void> {
  await mkdir(userDataDir, { recursive: true });
  await writeFileAtomic(prefsPath(userDataDir), JSON.stringify(prefs, null, 2), { backup: true });
}

// Updates are read-modify-write of one file: two at once (two quick panel resizes)
// would both read the old prefs and the later write would drop the earlier change, or
// race on the temp file. Each folder's updates run one after another.
const queues = new Map<string, Promise<unknown>>();

/** Applies `change` to the prefs and writes them, after every earlier update of the folder. */
export function updatePrefs<R>(userDataDir: string, change: (prefs: Record<string, string>) => R): Promise<R> {
  const previous = queues.get(userDataDir) ?? Promise.resolve();
  const next = previous
    .catch(() => undefined)
    .then(async () => {
      const prefs = await readPrefs(userDataDir);
      const result = change(prefs);
      await writePrefs(userDataDir, prefs);
      return result;
    });
  queues.set(userDataDir, next);
  void next.finally(() => {
    if (queues.get(userDataDir) === next) queues.delete(userDataDir);
  }).catch(() => undefined);
  return next;
}

/** The student's seed for parameterised labs, if one was made yet. */
export async function readStudentSeed(userDataDir: string): Promise<string | undefined> {
  const seed = (await readPrefs(userDataDir)).studentSeed;
  return typeof seed === 'string' ? seed : undefined;
}

/** The student's seed, made once (64 random bits) and kept in the prefs. */
export async function studentSeed(userDataDir: string): Promise<string> {
  const known = await readStudentSeed(userDataDir);
  if (known !== undefined) return known;
  return updatePrefs(userDataDir, (prefs) => (prefs.studentSeed ??= randomBytes(8).toString('hex')));
}
