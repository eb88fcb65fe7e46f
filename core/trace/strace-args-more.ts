// Process, resource and misc argument kinds (fcntl, prlimit64, getrandom, execve,
// sigaltstack, access, madvise, getcwd...), rendered as strace 6.1 does.

import type { Ctx } from './strace-args.js';
import type { MoreArgKind } from './strace-kinds.js';
import { formatCString } from './strace-string.js';
import * as X from './strace-xlat.js';
import * as M from './strace-xlat-more.js';
import * as S from './strace-structs.js';

function formatFcntlArg(c: Ctx, cmd: bigint, v: bigint): string {
  switch (cmd) {
    case M.F_SETFD:
      return X.formatFlags(v & 0xffffffffn, M.FD_FLAGS, 'FD_???');
    case M.F_SETFL:
      return X.formatOpenFlags(v & 0xffffffffn, c.rec.arch);
    case M.F_DUPFD:
    case M.F_DUPFD_CLOEXEC:
    case 1031n: // F_SETPIPE_SZ
    case 8n: // F_SETOWN
      return BigInt.asIntN(32, v).toString();
    default:
      return X.hex(v);
  }
}

function formatRlimit(b: Uint8Array): string {
  const v = S.view(b);
  return `{rlim_cur=${M.formatRlim(v.getBigUint64(0, true))}, rlim_max=${M.formatRlim(v.getBigUint64(8, true))}}`;
}

function formatStack(b: Uint8Array): string {
  const v = S.view(b);
  return `{ss_sp=${S.addr(v.getBigUint64(0, true))}, ss_flags=${X.formatFlags(BigInt(v.getUint32(8, true)), M.SS_FLAGS, 'SS_???')}, ss_size=${v.getBigUint64(16, true)}}`;
}

/** execve's argv: `["prog", "arg one"]` (each string cut at -s, at most -s elements). */
function formatArgv(c: Ctx, a: bigint): string {
  if (a === 0n) return 'NULL';
  const items: string[] = [];
  for (let i = 0; ; i++) {
    if (i >= c.maxStrlen) {
      items.push('...');
      break;
    }
    const p = c.read(a + BigInt(8 * i), 8);
    if (p === null) return i === 0 ? S.addr(a) : `[${items.join(', ')}, ...]`;
    const str = S.view(p).getBigUint64(0, true);
    if (str === 0n) break;
    const bytes = c.read(str, c.maxStrlen + 1);
    items.push(bytes === null ? S.addr(str) : formatCString(bytes, c.maxStrlen));
  }
  return `[${items.join(', ')}]`;
}

/** execve's envp in strace's default (abbreviated) mode: `0x7ffc... /* 23 vars *\/`. */
function formatEnvp(c: Ctx, a: bigint): string {
  if (a === 0n) return 'NULL';
  let n = 0;
  for (;;) {
    const p = c.read(a + BigInt(8 * n), 8);
    if (p === null) return S.addr(a);
    if (S.view(p).getBigUint64(0, true) === 0n) break;
    n++;
  }
  return `${S.addr(a)} /* ${n} var${n === 1 ? '' : 's'} */`;
}

export function formatMoreArg(c: Ctx, i: number, kind: MoreArgKind): string {
  const v = c.arg(i);
  switch (kind) {
    case 'fcntl-cmd':
      return X.formatXval(v & 0xffffffffn, M.FCNTL_CMDS, 'F_???');
    case 'fcntl-arg':
      return formatFcntlArg(c, c.arg(i - 1) & 0xffffffffn, v);
    case 'rlimit-resource':
      return X.formatXval(v & 0xffffffffn, M.RLIMIT_RESOURCES, 'RLIMIT_???');
    case 'rlimit-in':
      return c.struct(v, 16, formatRlimit);
    case 'rlimit-out':
      return c.ok ? c.struct(v, 16, formatRlimit) : S.addr(v);
    case 'getrandom-buf': {
      if (!c.ok) return S.addr(v);
      const n = Number(BigInt.asUintN(64, c.rec.ret));
      const b = n === 0 ? new Uint8Array(0) : c.read(v, Math.min(n, c.maxStrlen));
      return b === null ? S.addr(v) : M.formatHexBuffer(b, n, c.maxStrlen);
    }
    case 'getrandom-flags':
      return X.formatFlags(v & 0xffffffffn, M.GETRANDOM_FLAGS, 'GRND_???');
    case 'timer-flags':
      return X.formatFlags(v & 0xffffffffn, M.TIMER_FLAGS, 'TIMER_???');
    case 'rusage-who':
      return M.formatRusageWho(v);
    case 'access-mode':
      return M.formatAccessMode(v & 0xffffffffn);
    case 'madvise-advice':
      return X.formatXval(v & 0xffffffffn, M.MADVISE_ADVICE, 'MADV_???');
    case 'stack-in':
      return c.struct(v, 24, formatStack);
    case 'stack-out':
      return c.ok ? c.struct(v, 24, formatStack) : S.addr(v);
    case 'argv':
      return formatArgv(c, v);
    case 'envp':
      return formatEnvp(c, v);
    case 'msync-flags':
      return X.formatFlags(v & 0xffffffffn, M.MSYNC_FLAGS, 'MS_???');
    case 'personality':
      return v === 0xffffffffn ? X.hex(v) : formatPersonality(v);
    case 'cwd-out': {
      // getcwd returns the length including the NUL.
      if (!c.ok) return S.addr(v);
      const n = Number(BigInt.asUintN(64, c.rec.ret));
      const b = c.read(v, n);
      return b === null ? S.addr(v) : formatCString(b, n);
    }
  }
}

/** strace's print_personality: the persona by name, then its flags (`PER_LINUX|ADDR_NO_RANDOMIZE`). */
export function formatPersonality(v: bigint): string {
  const persona = M.PERSONALITY_TYPES.find(([t]) => t === (v & 0xffn))?.[1] ?? X.hex(v & 0xffn);
  const flags = v & ~0xffn;
  return flags === 0n ? persona : `${persona}|${X.formatFlags(flags, M.PERSONALITY_FLAGS, 'PER_???')}`;
}

/** personality(2)'s decorated return: the old persona in hex, then decoded (`0x40000 (PER_LINUX|ADDR_NO_RANDOMIZE)`). */
export function personalityReturn(c: Ctx): string | null {
  if (!c.ok) return null;
  const ret = BigInt.asUintN(32, c.rec.ret);
  return `${X.hex(ret)} (${formatPersonality(ret)})`;
}

/** fcntl's decorated return: `0x1 (flags FD_CLOEXEC)`, `0x8002 (flags O_RDWR|O_LARGEFILE)`. */
export function fcntlReturn(c: Ctx, cmd: bigint): string | null {
  if (!c.ok) return null;
  const ret = BigInt.asUintN(64, c.rec.ret);
  if (ret === 0n) return null;
  if (cmd === M.F_GETFD) return `${X.hex(ret)} (flags ${X.formatFlags(ret, M.FD_FLAGS, 'FD_???')})`;
  if (cmd === M.F_GETFL) return `${X.hex(ret)} (flags ${X.formatOpenFlags(ret, c.rec.arch)})`;
  return null;
}

