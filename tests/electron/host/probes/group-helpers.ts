// Reads the process table straight from /proc (proc(5): /proc/[pid]/stat field 5 is pgrp).

import { readdirSync, readFileSync } from 'node:fs';

export function livingMembers(pgid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // comm may contain spaces and parentheses: fields restart after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = rest[0];
    const pgrp = Number(rest[2]);
    if (pgrp === pgid && state !== 'Z' && state !== 'X') out.push(Number(entry));
  }
  return out;
}

/** Poll until the group is empty (reaping takes a moment), at most `ms`. */
export async function waitGroupGone(pgid: number, ms = 3000): Promise<number[]> {
  const until = Date.now() + ms;
  let left = livingMembers(pgid);
  while (left.length > 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    left = livingMembers(pgid);
  }
  return left;
}
