// Runs a C fixture under the host's strace and pairs each traced line with the
// record the fixture logged (raw args, return value, memory it touched), so a test
// can re-render the call with our printer and compare the strings.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CallRecord {
  type: 'call';
  name: string;
  args: bigint[];
  ret: bigint;
  mem: Array<{ addr: bigint; bytes: Uint8Array }>;
  /** Kernel-internal code strace saw instead of the user-visible ret (R record). */
  restart?: number;
}
export interface SigRecord {
  type: 'signal';
  signo: number;
  code: number;
  pid: number;
  uid: number;
  addr: bigint;
  status: number;
  utime: number;
  stime: number;
  value: bigint;
  timerid: number;
  overrun: number;
}
export interface ExitRecord {
  type: 'exit';
  pid: number;
  status: number;
}
export type LogRecord = CallRecord | SigRecord | ExitRecord;

const FIXTURES = join(import.meta.dirname, 'fixtures');

export function buildFixture(src: string): { dir: string; exe: string } {
  const dir = mkdtempSync(join(tmpdir(), 'strace-fmt-'));
  const exe = join(dir, src.replace(/\.c$/, ''));
  try {
    execFileSync('gcc', ['-O0', '-Wall', '-Werror', '-o', exe, join(FIXTURES, src)]);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return { dir, exe };
}

/** strace -f -a0 -o file; returns lines grouped by pid (strace's `PID  ` prefix removed). */
export interface StraceRun {
  /** Lines per pid; without `follow` every line is under pid 0. */
  lines: Map<number, string[]>;
  logs: string[];
}

/** `column` is strace -a (40 is strace's default); `follow` is -f. */
export function runUnderStrace(exe: string, dir: string, opts: { column?: number; follow?: boolean } = {}): StraceRun {
  const column = opts.column ?? 0;
  const follow = opts.follow ?? true;
  const trace = join(dir, 'trace.txt');
  // The signals fixture arms 1-50 ms timers before blocking in read/pause; on a heavily
  // loaded machine the signal can arrive before the call blocks and the process would
  // wait forever (spawnSync would hang the whole suite). Each attempt is bounded, its
  // leftovers are killed, and the run is tried again.
  for (let attempt = 1; ; attempt++) {
    // fds 100.. are the fixture's parent/child logs; pwrite64 (the logger) is left out of the trace.
    const r = spawnSync(
      'bash',
      ['-c', `exec strace ${follow ? '-f' : ''} -q -a${column} -e trace='!pwrite64' -o ${trace} ${exe} 100>${dir}/log0 101>${dir}/log1 102>${dir}/log2 103>${dir}/log3 104>${dir}/log4 105>${dir}/log5 106>${dir}/log6 </dev/null >/dev/null`],
      { encoding: 'utf8', cwd: dir, timeout: 20_000, killSignal: 'SIGKILL' },
    );
    if (r.signal !== 'SIGKILL') {
      if (r.error) throw r.error;
      break;
    }
    spawnSync('pkill', ['-KILL', '-f', exe]);
    if (attempt === 3) throw new Error(`strace run of ${exe} did not finish in 20 s, three times`);
  }
  const lines = new Map<number, string[]>();
  for (const raw of readFileSync(trace, 'utf8').split('\n')) {
    const m = follow ? /^(\d+) +(.*)$/.exec(raw) : ['', '0', raw];
    if (!m || raw === '') continue;
    const pid = Number(m[1]);
    if (!lines.has(pid)) lines.set(pid, []);
    lines.get(pid)!.push(m[2]!);
  }
  const logs = readdirSync(dir)
    .filter((f) => f.startsWith('log'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  return { lines, logs };
}

const hexBig = (s: string): bigint => BigInt.asUintN(64, BigInt(s.startsWith('-') ? '-0x' + s.slice(1) : '0x' + s));

/** Parse a fixture log: C/M/R/S/X records. Records carry no pid; P lines set it. */
export function parseLog(text: string): { pid: number; records: LogRecord[]; extra: ExitRecord[] } {
  const records: LogRecord[] = [];
  const extra: ExitRecord[] = [];
  let pid = 0;
  for (const line of text.split('\n')) {
    const f = line.split(' ');
    switch (f[0]) {
      case 'P':
        pid = Number(f[1]);
        break;
      case 'C':
        records.push({ type: 'call', name: f[1]!, args: f.slice(2, 8).map(hexBig), ret: hexBig(f[8]!), mem: [] });
        break;
      case 'M': {
        const last = records[records.length - 1];
        if (last?.type !== 'call') throw new Error('M without C');
        const hexs = f[2] ?? '';
        const bytes = new Uint8Array(hexs.length / 2);
        for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hexs.slice(2 * i, 2 * i + 2), 16);
        last.mem.push({ addr: hexBig(f[1]!), bytes });
        break;
      }
      case 'A': {
        // Re-address the last memory region (the fixture logged a copy of it).
        const last = records[records.length - 1];
        const region = last?.type === 'call' ? last.mem[last.mem.length - 1] : undefined;
        if (!region) throw new Error('A without M');
        region.addr = hexBig(f[1]!);
        break;
      }
      case 'R': {
        const last = records[records.length - 1];
        if (last?.type !== 'call') throw new Error('R without C');
        last.restart = Number(f[1]);
        break;
      }
      case 'S':
        records.push({
          type: 'signal',
          signo: Number(f[1]),
          code: Number(f[2]),
          pid: Number(f[3]),
          uid: Number(f[4]),
          addr: hexBig(f[5]!),
          status: Number(f[6]),
          utime: Number(f[7]),
          stime: Number(f[8]),
          value: hexBig(f[9]!),
          timerid: Number(f[10]),
          overrun: Number(f[11]),
        });
        break;
      case 'X':
        extra.push({ type: 'exit', pid: Number(f[1]), status: Number(f[2]) });
        break;
      default:
        break;
    }
  }
  return { pid, records, extra };
}

/**
 * Guest memory as the fixture logged it. A read inside a logged region succeeds
 * (bytes past the region's end read as zero, as if the page went on); anything
 * else is unreadable, like an unmapped address.
 */
export function fakeMemory(mem: CallRecord['mem']): (addr: bigint, len: number) => Uint8Array | null {
  return (addr, len) => {
    for (const r of mem) {
      if (addr >= r.addr && addr < r.addr + BigInt(r.bytes.length)) {
        const off = Number(addr - r.addr);
        const out = new Uint8Array(len);
        out.set(r.bytes.subarray(off, off + len));
        return out;
      }
    }
    return len === 0 ? new Uint8Array(0) : null;
  };
}

export function removeFixtureDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
