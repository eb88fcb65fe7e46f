// Keeps what the student is doing across a renderer crash and reload: the open view,
// the Playground's program, stdin and lab. Written to localStorage (debounced by the
// caller) because a crashed renderer gets no chance to save on the way out. An "alive"
// flag, cleared on a normal unload, tells the reloaded page that the last one crashed.

/** Playground's LabContext as stored (kept structural: this file stays free of runes so plain tests can load it). */
export interface LabContext {
  packId: string;
  labId: string;
  title: string;
  arch: 'x86_64' | 'arm64';
}

export const SESSION_KEY = 'syscall-lab.session';
export const ALIVE_KEY = 'syscall-lab.alive';

export interface SessionSnapshot {
  view: string;
  source: string;
  stdin: string;
  lab: LabContext | null;
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function isLab(v: unknown): v is LabContext {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.packId === 'string' && typeof o.labId === 'string' && typeof o.title === 'string' && (o.arch === 'x86_64' || o.arch === 'arm64');
}

/** The saved session, or null when there is none or it is not one we wrote. */
export function readSession(store: Store): SessionSnapshot | null {
  try {
    const raw: unknown = JSON.parse(store.getItem(SESSION_KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return null;
    const o = raw as Record<string, unknown>;
    if (typeof o.view !== 'string' || typeof o.source !== 'string' || typeof o.stdin !== 'string') return null;
    return { view: o.view, source: o.source, stdin: o.stdin, lab: isLab(o.lab) ? o.lab : null };
  } catch {
    return null;
  }
}

export function writeSession(store: Store, snap: SessionSnapshot): void {
  try {
    store.setItem(SESSION_KEY, JSON.stringify(snap));
  } catch {
    // Storage full or disabled: the lab's own drafts are still saved by the host.
  }
}

/** Marks this page alive; true when the previous page never unloaded cleanly (it crashed). */
export function markAlive(store: Store): boolean {
  const crashed = store.getItem(ALIVE_KEY) === '1';
  store.setItem(ALIVE_KEY, '1');
  return crashed;
}

/** Called on a normal unload (pagehide): the next load is not a crash recovery. */
export function markClosed(store: Store): void {
  store.removeItem(ALIVE_KEY);
}
