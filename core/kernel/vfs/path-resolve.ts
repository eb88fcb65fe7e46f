// Path walk (fs/namei.c, without symlinks or mounts): absolute or relative to a
// base directory, `.` and `..` (the root's `..` is itself), search permission on
// every directory passed through, and the errors path_resolution(7) lists:
// ENOENT, ENOTDIR, EACCES, ENAMETOOLONG.

import { EACCES, ENAMETOOLONG, ENOENT, ENOTDIR } from '../errno.js';
import type { Credentials, Directory, Inode, InodeMeta } from './inode.js';

export const PATH_MAX = 4096;
export const NAME_MAX = 255;

export const MAY_READ = 4;
export const MAY_WRITE = 2;
export const MAY_EXEC = 1;

/** Classic Unix permission check; root passes, except exec needs some x bit on non-directories. */
export function permits(meta: InodeMeta, isDir: boolean, creds: Credentials, want: number): boolean {
  if (creds.uid === 0) return want !== MAY_EXEC || isDir || (meta.mode & 0o111) !== 0;
  const shift = creds.uid === meta.uid ? 6 : creds.gid === meta.gid ? 3 : 0;
  return (((meta.mode >> shift) & 7) & want) === want;
}

export interface Walked {
  /** Directory holding the last component (for create/unlink). */
  parent: Directory;
  /** The last component as written (`.`/`..` included). */
  name: string;
  /** The inode the path names, or null when only the last component is missing. */
  inode: Inode | null;
  /** The path ended in `/`: it must name a directory. */
  trailingSlash: boolean;
}

/** Walk `path`; returns -errno on failure. */
export function walkPath(root: Directory, base: Directory, path: string, creds: Credentials): Walked | number {
  if (path.length === 0) return -ENOENT;
  if (path.length >= PATH_MAX) return -ENAMETOOLONG;
  let cur: Directory = path.startsWith('/') ? root : base;
  const parts = path.split('/').filter((p) => p.length > 0);
  const trailingSlash = path.endsWith('/');
  if (parts.length === 0) return { parent: cur.parentDir, name: '.', inode: cur, trailingSlash };
  for (let i = 0; i < parts.length; i++) {
    const name = parts[i]!;
    if (name.length > NAME_MAX) return -ENAMETOOLONG;
    if (!permits(cur.meta, true, creds, MAY_EXEC)) return -EACCES;
    const next: Inode | null = name === '.' ? cur : name === '..' ? cur.parentDir : (cur.entries.get(name) ?? null);
    const last = i === parts.length - 1;
    if (last) {
      if (next !== null && trailingSlash && next.kind !== 'dir') return -ENOTDIR;
      return { parent: cur, name, inode: next, trailingSlash };
    }
    if (next === null) return -ENOENT;
    if (next.kind !== 'dir') return -ENOTDIR;
    cur = next;
  }
  return -ENOENT;
}

/** Absolute path of a directory, for getcwd(2). */
export function directoryPath(dir: Directory): string {
  const names: string[] = [];
  let d = dir;
  while (d.parent !== null) {
    const parent: Directory = d.parent;
    let found = '';
    for (const [n, e] of parent.entries) if (e === d) found = n;
    names.unshift(found);
    d = parent;
  }
  return '/' + names.join('/');
}
