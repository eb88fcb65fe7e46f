// Parser for /proc/<pid>/maps (proc(5)):
//   address           perms offset  dev   inode   pathname
//   7ffd4a1e0000-7ffd4a201000 rw-p 00000000 00:00 0  [stack]
// The pathname is free text (may hold spaces, may end in " (deleted)") or empty.

import type { MapRegion } from '../../common/probe-types.js';

const LINE = /^([0-9a-f]+)-([0-9a-f]+)\s+([r-][w-][xs-][ps])\s+([0-9a-f]+)\s+([0-9a-f]+:[0-9a-f]+)\s+(\d+)\s*(.*)$/;

export function parseMapsLine(line: string): MapRegion | null {
  const m = LINE.exec(line);
  if (!m) return null;
  const [, start = '0', end = '0', perms = '', offset = '0', dev = '', inode = '0', path = ''] = m;
  return {
    op: 'region',
    start: `0x${start}`,
    end: `0x${end}`,
    size: Number(BigInt(`0x${end}`) - BigInt(`0x${start}`)),
    perms,
    offset: `0x${offset}`,
    dev,
    inode: Number(inode),
    path: path.trimEnd(),
  };
}

/** Every well-formed line; anything else (a truncated last line) is dropped. */
export function parseMaps(text: string): MapRegion[] {
  const out: MapRegion[] = [];
  for (const line of text.split('\n')) {
    const r = parseMapsLine(line);
    if (r) out.push(r);
  }
  return out;
}
