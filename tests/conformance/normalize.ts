// The trace normalizer: turns strace's lines (host) and the emulator's --trace lines
// into a form where only what the kernel contract fixes is left, so the two can be
// compared with plain equality. Every rule is written down here and nowhere else:
//
//  1. Line framing: the pid prefix of `strace -f -o` (`12345 `) or of strace on a
//     terminal (`[pid 12345] `) is removed; strace's column padding before ` = ` is
//     collapsed to one space (strace pads the return value to column 40 unless -a0).
//  2. Dropped lines: empty lines; `execve(...)` (strace shows the exec of the program
//     it started, the emulator's loader has no such call); strace's notices
//     `[ Process PID=N runs in 32 bit mode. ]`.
//  3. ` (core dumped)` is removed from `+++ killed by SIG... +++`: whether a core is
//     written is the host's ulimit -c, not the program's behaviour.
//  4. Ids the kernel hands out: the results of getpid, getppid, gettid and
//     set_tid_address become `PID`; of getuid, geteuid, getgid, getegid `UID`.
//  5. Clock readings: tv_sec/tv_nsec/tv_usec values written by clock_gettime,
//     clock_getres and gettimeofday become `N`. nanosleep's first timespec is the
//     program's input and stays; the time left that the kernel writes into its second
//     when a signal cuts the sleep short is a clock reading and becomes `N`; so does
//     ppoll's `left {...}` suffix, unless its timeout was zero (never rewritten), and
//     the timespec of a ppoll restarted after ERESTARTNOHAND (it holds the time left). uname's
//     nodename becomes "HOST".
//  6. Addresses the kernel chooses, outside string literals:
//     - the heap: the result of the first brk call is the base; any value in
//       [base, base + 4 GiB) becomes `BRK` or `BRK+0xOFF` (so growth by 16 KiB must
//       still be 16 KiB); brk's own argument is always written relative to the base,
//       `BRK-0xOFF` when below it;
//     - mappings: each successful mmap's result starts region MAPn (n counts from 1 in
//       trace order) of the mapped length rounded up to pages; values inside become
//       `MAPn` or `MAPn+0xOFF` (so munmap/mprotect/si_addr must hit the same mapping);
//     - anything else in [0x7e0000000000, 0x800000000000), the top of the 47-bit user
//       half where Linux puts the stack, vDSO and mmap base, becomes `0xADDR`. The
//       mmap base moves down by up to 2^28 pages (1 TiB, mmap_rnd_bits), so the region
//       (and a static PIE, which is loaded there) can start below 0x7f0000000000.
//  7. Optional (`hideImageAddresses`): values in [0x400000, 0x10000000), where GNU ld
//     links a static non-PIE executable, become `0xIMAGE`. Used only when the emulator
//     assembled and linked the .s itself, since its link step may lay sections out
//     differently from GNU ld; the GNU-built ELF is compared with exact addresses.
//  8. More process ids: the results of fork, vfork, clone and wait4 (when positive),
//     the pid arguments of kill, tkill, tgkill (first two) and wait4 (first, when
//     positive) and the tid clone stores at `parent_tid=[N]` become `PID`; in a signal's siginfo `si_pid` becomes `PID`, `si_uid`
//     `UID`, and a child's CPU times `si_utime`/`si_stime` `N` (clock ticks).
//  9. Calls split across processes: strace -f prints `wait4(-1,  <unfinished ...>` when
//     another process's line interrupts, and `<... wait4 resumed>...) = N` later. The two
//     halves (same pid prefix, else same call name) become one complete line at the
//     position of the resume, i.e. where the call returned. A half that has no partner
//     (the trace ended) stays where it was.
// 10. /proc/self/maps is the layout itself (addresses, inodes, a vDSO or not), which a
//     program checks in its own output: on an fd opened on it (until closed), a read's
//     data becomes `MAPS`, its size argument `SIZE` and a positive result `LEN`
//     (a result of 0, end of file, stays). A readv on it (stdio's fread in musl) keeps
//     only its fd, iovec count and a result of 0: `readv(3, MAPS, 2) = LEN`.
//     /proc/self/auxv likewise (`AUXV`): its pairs hold addresses and the host CPU's hwcaps.
// Everything else (fds, lengths, flags, errno names, string contents, si_code, fixed
// addresses the program chose) must match exactly.

export interface NormalizeOptions {
  hideImageAddresses?: boolean;
}

const PAGE = 0x1000n;
const HEAP_SPAN = 1n << 32n;
const USER_TOP_LO = 0x7e0000000000n;
const USER_TOP_HI = 0x800000000000n;
const IMAGE_LO = 0x400000n;
const IMAGE_HI = 0x10000000n;

const PID_CALLS = new Set(['getpid', 'getppid', 'gettid', 'set_tid_address']);
const UID_CALLS = new Set(['getuid', 'geteuid', 'getgid', 'getegid']);
const CHILD_RESULT_CALLS = new Set(['fork', 'vfork', 'clone', 'clone3', 'wait4']);
const CLOCK_CALLS = new Set(['clock_gettime', 'clock_getres', 'gettimeofday']);

interface Region {
  name: string;
  start: bigint;
  end: bigint;
}

/** Split a line into alternating outside/inside-string pieces; strings keep their quotes. */
function splitStrings(line: string): Array<{ text: string; quoted: boolean }> {
  const parts: Array<{ text: string; quoted: boolean }> = [];
  const re = /"(?:[^"\\]|\\.)*"/g;
  let last = 0;
  for (let m = re.exec(line); m !== null; m = re.exec(line)) {
    if (m.index > last) parts.push({ text: line.slice(last, m.index), quoted: false });
    parts.push({ text: m[0], quoted: true });
    last = m.index + m[0].length;
  }
  if (last < line.length) parts.push({ text: line.slice(last), quoted: false });
  return parts;
}

function mapOutsideStrings(line: string, fn: (text: string) => string): string {
  return splitStrings(line)
    .map((p) => (p.quoted ? p.text : fn(p.text)))
    .join('');
}

function offsetName(name: string, off: bigint): string {
  return off === 0n ? name : `${name}+0x${off.toString(16)}`;
}

/** Rule 8: pids and uids in fork/wait/kill calls and in siginfo. */
function processIds(call: string, line: string): string {
  let out = line;
  if (CHILD_RESULT_CALLS.has(call)) out = out.replace(/ = [1-9]\d*$/, ' = PID');
  if (call === 'clone') out = out.replace(/\bparent_tid=\[\d+\]/, 'parent_tid=[PID]');
  if (call === 'kill' || call === 'tkill' || call === 'wait4') out = out.replace(/^([a-z0-9_]+)\([1-9]\d*,/, '$1(PID,');
  if (call === 'tgkill') out = out.replace(/^tgkill\(\d+, \d+,/, 'tgkill(PID, PID,');
  if (out.startsWith('--- ')) {
    out = out.replace(/\bsi_pid=\d+/, 'si_pid=PID').replace(/\bsi_uid=\d+/, 'si_uid=UID');
    out = out.replace(/\bsi_utime=\d+/, 'si_utime=N').replace(/\bsi_stime=\d+/, 'si_stime=N');
  }
  return out;
}

/** Rule 9: join `<unfinished ...>` / `<... NAME resumed>` halves at the resume. */
export function mergeSplitCalls(lines: readonly string[]): string[] {
  const out: Array<string | null> = [];
  const open = new Map<string, { index: number; head: string }>();
  for (const raw of lines) {
    const prefix = /^(?:\[pid +(\d+)\] |(\d+) +)/.exec(raw);
    const pid = prefix?.[1] ?? prefix?.[2] ?? '';
    const lead = prefix?.[0] ?? '';
    const body = raw.slice(lead.length);
    const unfinished = /^(([a-z_][a-z0-9_]*)\(.*?) ?<unfinished \.\.\.>$/.exec(body);
    if (unfinished) {
      open.set(`${pid}:${unfinished[2] ?? ''}`, { index: out.length, head: unfinished[1] ?? '' });
      out.push(raw);
      continue;
    }
    const resumed = /^<\.\.\. ([a-z_][a-z0-9_]*) resumed>(.*)$/.exec(body);
    const key = `${pid}:${resumed?.[1] ?? ''}`;
    const half = resumed ? open.get(key) : undefined;
    if (resumed && half) {
      out[half.index] = null;
      open.delete(key);
      out.push(`${lead}${half.head}${resumed[2] ?? ''}`);
      continue;
    }
    out.push(raw);
  }
  return out.filter((l): l is string => l !== null);
}

/** Normalizes one process's trace, in order (brk and mmap rules need what came before). */
export class TraceNormalizer {
  private heapBase: bigint | null = null;
  /** fd → the placeholder its reads' data becomes (rule 10). */
  private readonly mapsFds = new Map<string, string>();
  private readonly regions: Region[] = [];

  constructor(private readonly opts: NormalizeOptions = {}) {}

  /** The last ppoll was cut short without a handler: its restart reads the time left (rule 5). */
  private ppollRestarting = false;

  /** Rule 5 for ppoll: the `left` it writes back, and the timespec a restart re-reads, are clock readings. */
  private ppollTimes(line: string): string {
    let out = line;
    if (this.ppollRestarting) out = out.replace(/^(ppoll\(.*?\], \d+, )\{tv_sec=\d+, tv_nsec=\d+\}/, '$1{tv_sec=N, tv_nsec=N}');
    this.ppollRestarting = out.endsWith('ERESTARTNOHAND (To be restarted if no handler)');
    // A zero timeout is never rewritten, so its `left` stays exact.
    if (!out.includes(', {tv_sec=0, tv_nsec=0}, ')) out = out.replace(/, left \{tv_sec=\d+, tv_nsec=\d+\}\)$/, ', left {tv_sec=N, tv_nsec=N})');
    return out;
  }

  /** The normalized line, or null when rule 2 drops it. */
  line(raw: string): string | null {
    let line = raw.replace(/^(?:\[pid +\d+\] |\d+ +)/, '');
    if (line.trim() === '' || line.startsWith('execve(') || /^\[ Process PID=\d+ runs in \d+ bit mode\. \]$/.test(line)) return null;
    line = mapOutsideStrings(line, (t) => t.replace(/\) +=(?= )/g, ') ='));
    line = line.replace(/ \(core dumped\) \+\+\+$/, ' +++');
    const call = /^([a-z_][a-z0-9_]*)\(/.exec(line)?.[1] ?? '';
    if (PID_CALLS.has(call)) line = line.replace(/ = \d+$/, ' = PID');
    if (UID_CALLS.has(call)) line = line.replace(/ = \d+$/, ' = UID');
    line = processIds(call, line);
    if (CLOCK_CALLS.has(call)) line = line.replace(/\b(tv_sec|tv_nsec|tv_usec)=\d+/g, '$1=N');
    if (call === 'nanosleep') line = line.replace(/^(nanosleep\(\{[^}]*\}, )\{tv_sec=\d+, tv_nsec=\d+\}/, '$1{tv_sec=N, tv_nsec=N}');
    if (call === 'ppoll') line = this.ppollTimes(line);
    if (call === 'uname') line = line.replace(/nodename="(?:[^"\\]|\\.)*"(?:\.\.\.)?/, 'nodename="HOST"');
    line = this.procMaps(call, line);
    this.learn(call, line);
    if (call === 'brk' && this.heapBase !== null) line = this.brkArgument(line, this.heapBase);
    return mapOutsideStrings(line, (t) => t.replace(/(?<![\w])0x[0-9a-f]+/g, (hex) => this.address(BigInt(hex), hex)));
  }

  /** Rule 10: reads of /proc/self/maps and /proc/self/auxv. */
  private procMaps(call: string, line: string): string {
    const file = /"\/proc\/self\/(maps|auxv)"/.exec(line)?.[1];
    if ((call === 'open' || call === 'openat') && file !== undefined) {
      const fd = / = (\d+)$/.exec(line)?.[1];
      if (fd !== undefined) this.mapsFds.set(fd, file.toUpperCase());
      return line;
    }
    const fd = /^(?:read|readv|close)\((\d+)/.exec(line)?.[1];
    if (fd === undefined || !this.mapsFds.has(fd)) return line;
    if (call === 'close') {
      this.mapsFds.delete(fd);
      return line;
    }
    if (call === 'readv') {
      // The iovecs hold the text and lengths that depend on it; only the count stays.
      const v = /, (\d+)\) = (\d+)$/.exec(line);
      return v ? `readv(${fd}, ${this.mapsFds.get(fd) ?? 'MAPS'}, ${v[1] ?? ''}) = ${v[2] === '0' ? '0' : 'LEN'}` : line;
    }
    const m = /^read\(\d+, (?:"(?:[^"\\]|\\.)*"(?:\.\.\.)?|0x[0-9a-f]+), \d+\) = (\d+)$/.exec(line);
    if (!m) return line;
    return m[1] === '0' ? `read(${fd}, "", SIZE) = 0` : `read(${fd}, ${this.mapsFds.get(fd)}, SIZE) = LEN`;
  }

  private learn(call: string, line: string): void {
    const ret = / = (0x[0-9a-f]+)$/.exec(line)?.[1];
    if (ret === undefined) return;
    if (call === 'brk' && this.heapBase === null) this.heapBase = BigInt(ret);
    if (call === 'mmap') {
      const len = /^mmap\([^,]+, (\d+),/.exec(line)?.[1];
      if (len === undefined) return;
      const start = BigInt(ret);
      const size = ((BigInt(len) + PAGE - 1n) / PAGE) * PAGE;
      this.regions.push({ name: `MAP${this.regions.length + 1}`, start, end: start + size });
    }
  }

  /** brk's argument may lie below the base (a request to shrink too far): signed offset. */
  private brkArgument(line: string, base: bigint): string {
    return line.replace(/^brk\((0x[0-9a-f]+)\)/, (_all, hex: string) => {
      const off = BigInt(hex) - base;
      return `brk(${off < 0n ? `BRK-0x${(-off).toString(16)}` : offsetName('BRK', off)})`;
    });
  }

  private address(v: bigint, original: string): string {
    if (this.heapBase !== null && v >= this.heapBase && v < this.heapBase + HEAP_SPAN) return offsetName('BRK', v - this.heapBase);
    for (const r of this.regions) if (v >= r.start && v < r.end) return offsetName(r.name, v - r.start);
    if (v >= USER_TOP_LO && v < USER_TOP_HI) return '0xADDR';
    if (this.opts.hideImageAddresses && v >= IMAGE_LO && v < IMAGE_HI) return '0xIMAGE';
    return original;
  }
}

/** Normalize a whole single-process trace (rules above); dropped lines are removed. */
export function normalizeTrace(lines: readonly string[], opts: NormalizeOptions = {}): string[] {
  const n = new TraceNormalizer(opts);
  const out: string[] = [];
  for (const l of mergeSplitCalls(lines)) {
    const r = n.line(l);
    if (r !== null) out.push(r);
  }
  return out;
}
