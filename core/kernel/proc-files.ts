// /proc/<pid>/status (Linux's text format, the fields a lab reads), /proc/<pid>/maps
// (the process's VMAs, proc(5)) and /proc/<pid>/auxv (binary, as fs/proc/base.c
// proc_pid_auxv writes it).

import type { Kernel } from './kernel.js';
import { permString } from './mm/vma.js';
import { formatMaps } from './vfs/proc-maps.js';

export function procMaps(k: Kernel, pid: number): string {
  const proc = k.processes.get(pid);
  if (!proc) return '';
  return formatMaps(
    proc.mm.vmas.areas.map((v) => ({
      start: BigInt(v.start),
      end: BigInt(v.end),
      perms: permString(v),
      offset: BigInt(v.backing ? v.backing.offset : 0),
      dev: v.backing ? { major: Number(v.backing.dev.split(':')[0] ?? 0), minor: parseInt(v.backing.dev.split(':')[1] ?? '0', 16) } : { major: 0, minor: 0 },
      inode: v.backing ? v.backing.inode : 0,
      name: v.name || null,
    })),
  );
}

export function procStatus(k: Kernel, pid: number): string {
  const proc = k.processes.get(pid);
  if (!proc) return '';
  const task = proc.tasks[0];
  const vol = proc.tasks.reduce((n, t) => n + t.rusage.voluntarySwitches, 0);
  const invol = proc.tasks.reduce((n, t) => n + t.rusage.involuntarySwitches, 0);
  const kib = (bytes: number) => `${String(Math.ceil(bytes / 1024)).padStart(8, ' ')} kB`;
  const sigmask = (v: bigint) => v.toString(16).padStart(16, '0');
  const pending = [...(task?.pending ?? []), ...proc.sharedPending].reduce((m, s) => m | (1n << BigInt(s.signo - 1)), 0n);
  const caught = proc.handlers.actions.reduce((m, a, i) => (i > 0 && a.handler > 1n ? m | (1n << BigInt(i - 1)) : m), 0n);
  const ignored = proc.handlers.actions.reduce((m, a, i) => (i > 0 && a.handler === 1n ? m | (1n << BigInt(i - 1)) : m), 0n);
  return [
    `Name:\t${(proc.exe.split('/').pop() ?? '').slice(0, 15)}`,
    `State:\t${!task ? 'Z (zombie)' : proc.stopped ? 'T (stopped)' : task.state === 'sleeping' ? 'S (sleeping)' : 'R (running)'}`,
    `Tgid:\t${proc.pid}`,
    `Pid:\t${proc.pid}`,
    `PPid:\t${proc.ppid}`,
    `Uid:\t1000\t1000\t1000\t1000`,
    `Gid:\t1000\t1000\t1000\t1000`,
    `VmSize:\t${kib(proc.mm.vmas.areas.reduce((n, v) => n + v.end - v.start, 0))}`,
    `Threads:\t${proc.tasks.length}`,
    `SigPnd:\t${sigmask(pending)}`,
    `SigBlk:\t${sigmask(task?.blocked ?? 0n)}`,
    `SigIgn:\t${sigmask(ignored)}`,
    `SigCgt:\t${sigmask(caught)}`,
    `voluntary_ctxt_switches:\t${vol}`,
    `nonvoluntary_ctxt_switches:\t${invol}`,
    '',
  ].join('\n');
}

/**
 * The auxiliary vector as execve left it on the stack: (a_type, a_val) pairs of
 * native-endian u64, ending with the AT_NULL pair (proc(5) /proc/pid/auxv).
 */
export function procAuxv(k: Kernel, pid: number): Uint8Array {
  const proc = k.processes.get(pid);
  if (!proc) return new Uint8Array(0);
  const out = new Uint8Array(proc.auxv.length * 16);
  const v = new DataView(out.buffer);
  proc.auxv.forEach(([type, value], i) => {
    v.setBigUint64(i * 16, BigInt(type), true);
    v.setBigUint64(i * 16 + 8, BigInt.asUintN(64, value), true);
  });
  return out;
}
