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

export async function writePrefs(userDataDir: string, prefs: Record<string, string>): Promise<void> {
  await mkdir(userDataDir, { recursive: true });
  await writeFileAtomic(prefsPath(userDataDir), JSON.stringify(prefs, null, 2), { backup: true });
}

/** The student's seed for parameterised labs, if one was made yet. */
export async function readStudentSeed(userDataDir: string): Promise<string | undefined> {
  const seed = (await readPrefs(userDataDir)).studentSeed;
  return typeof seed === 'string' ? seed : undefined;
}

/** The student's seed, made once (64 random bits) and kept in the prefs. */
export async function studentSeed(userDataDir: string): Promise<string> {
  const prefs = await readPrefs(userDataDir);
  if (typeof prefs.studentSeed === 'string') return prefs.studentSeed;
  prefs.studentSeed = randomBytes(8).toString('hex');
  await writePrefs(userDataDir, prefs);
  return prefs.studentSeed;
}
