// Where progress lives: <userData>/progress/<packId>/<labId>.json (+ .bak, .corrupt-<n>.json).

import { join } from 'node:path';

const SAFE_ID = /^[a-z0-9][a-z0-9.-]{0,63}$/;

export function assertSafeId(kind: string, id: string): void {
  // Ids become file names; refuse anything that could leave the folder.
  if (!SAFE_ID.test(id) || id.includes('..')) throw new Error(`invalid ${kind} id ${JSON.stringify(id)}`);
}

export function packProgressDir(userDataDir: string, packId: string): string {
  assertSafeId('pack', packId);
  return join(userDataDir, 'progress', packId);
}

export function progressFile(userDataDir: string, packId: string, labId: string): string {
  assertSafeId('lab', labId);
  return join(packProgressDir(userDataDir, packId), `${labId}.json`);
}

export function backupFile(file: string): string {
  return `${file}.bak`;
}
