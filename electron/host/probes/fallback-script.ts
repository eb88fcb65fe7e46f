// The Node-level stand-ins used when no C compiler is available. This
// function runs in a child Node process: fallback-runner.ts sends it as
// source text (Function.prototype.toString), so it must stay self-contained —
// no references to anything outside its own body except its parameters and
// Node's globals. Output mirrors the C probes: one JSON object on stdout,
// "progress D/T" lines on stderr. Every figure includes the JS -> C++ ->
// libuv path, and the notes say so.

import type * as ChildProcess from 'node:child_process';
import type * as Fs from 'node:fs';
import type * as WorkerThreads from 'node:worker_threads';

export interface FallbackDeps {
  fs: typeof Fs;
  cp: typeof ChildProcess;
  wt: typeof WorkerThreads;
}

export async function fallbackProbeMain(deps: FallbackDeps, name: string, repeats: number, minRepeatMs: number): Promise<void> {
  const { fs, cp, wt } = deps;
  type Entry = Record<string, unknown>;
  const results: Entry[] = [];
  const now = (): bigint => process.hrtime.bigint();
  const progress = (done: number, total: number): void => {
    process.stderr.write(`progress ${done}/${total}\n`);
  };
  const unavailable = (op: string, why: string): void => {
    results.push({ op, unavailable: why });
  };
  const NATIVE_ONLY = 'not available in the Node fallback set (no C compiler)';

  const runLoop = (op: () => void, n: number): number => {
    const t0 = now();
    for (let i = 0; i < n; i++) op();
    return Number(now() - t0);
  };
  const calibrate = (op: () => void): number => {
    const target = minRepeatMs * 1e6;
    let n = 1;
    for (;;) {
      const dt = runLoop(op, n);
      if (dt >= target || n > 2 ** 32) return n;
      n = dt < target / 64 ? n * 8 : Math.ceil((n * target * 1.1) / Math.max(dt, 1));
    }
  };
  const stats = (samples: number[]): { median_ns: number; p10_ns: number; p90_ns: number } => {
    const s = [...samples].sort((a, b) => a - b);
    const at = (p: number): number => s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))] ?? 0;
    const mid = s.length >> 1;
    const median = s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
    return { median_ns: median, p10_ns: at(0.1), p90_ns: at(0.9) };
  };
  const cpuNow = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) * 1000;
  };
  const median = (xs: number[]): number => stats(xs).median_ns;
  const raw = (op: () => void): { n: number; samples: number[]; cpu: number[] } => {
    const n = calibrate(op);
    runLoop(op, n); // warm-up, and lets the JIT settle
    const samples: number[] = [];
    const cpu: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const c0 = cpuNow();
      samples.push(runLoop(op, n) / n);
      cpu.push((cpuNow() - c0) / n);
    }
    return { n, samples, cpu };
  };
  let overhead = -1;
  let cpuOverhead = 0;
  const measure = (op: string, fn: () => void, extra: Entry = {}): Entry => {
    if (overhead < 0) {
      const empty = raw(() => {});
      overhead = median(empty.samples);
      cpuOverhead = median(empty.cpu);
    }
    const { n, samples, cpu } = raw(fn);
    const entry: Entry = {
      op,
      ...stats(samples.map((s) => s - overhead)),
      iterations: n,
      repeats,
      overhead_ns: overhead,
      // process.cpuUsage() counts microseconds: fine against a >= 10 ms repeat.
      cpu_median_ns: median(cpu.map((c) => c - cpuOverhead)),
      ...extra,
    };
    results.push(entry);
    return entry;
  };

  const probes: Record<string, () => Promise<void> | void> = {
    'null-syscall': () => {
      progress(0, 1);
      let sink = 0;
      // process.ppid is a getter that calls uv_os_getppid -> getppid(2) on every read.
      measure('getppid', () => { sink ^= process.ppid; }, { note: 'process.ppid: JS -> C++ -> libuv -> getppid(2)' });
      if (sink === -1) process.stderr.write('');
      progress(1, 1);
    },
    'fast-calls': () => {
      const zero = fs.openSync('/dev/zero', 'r');
      const nul = fs.openSync('/dev/null', 'w');
      const b = Buffer.alloc(1);
      progress(0, 3);
      unavailable('getpid', 'not measurable from Node: process.pid is cached at startup');
      measure('getuid', () => { process.getuid?.(); }, { note: 'process.getuid(): JS -> C++ -> getuid(2)' });
      progress(1, 3);
      measure('read:/dev/zero:1', () => { fs.readSync(zero, b, 0, 1, null); }, { note: 'fs.readSync' });
      progress(2, 3);
      measure('write:/dev/null:1', () => { fs.writeSync(nul, b, 0, 1); }, { note: 'fs.writeSync' });
      progress(3, 3);
    },
    'vdso-clock': () => {
      let sink = 0n;
      progress(0, 2);
      measure('clock_gettime:vdso', () => { sink ^= process.hrtime.bigint(); }, { note: 'process.hrtime.bigint(): libuv uv_hrtime -> clock_gettime(CLOCK_MONOTONIC)' });
      progress(1, 2);
      unavailable('clock_gettime:syscall', 'Node cannot force the syscall path; needs the native probes');
      let ms = 0;
      measure('gettimeofday', () => { ms += Date.now(); }, { note: 'Date.now(): V8 reads CLOCK_REALTIME through the vDSO' });
      if (sink === 1n && ms === 0) process.stderr.write('');
      progress(2, 2);
    },
    'read-sweep': () => {
      const FILE = 8 << 20;
      const dir = fs.mkdtempSync(`${process.env.TMPDIR || process.env.TEMP || '/tmp'}/syscall-lab-read-sweep-`);
      const path = `${dir}/data`;
      fs.writeFileSync(path, Buffer.alloc(FILE, 97));
      const fd = fs.openSync(path, 'r');
      fs.rmSync(dir, { recursive: true, force: true });
      const buf = Buffer.alloc(1 << 20);
      while (fs.readSync(fd, buf, 0, buf.length, null) > 0) { /* warm the page cache */ }
      for (let i = 0; i <= 20; i++) {
        progress(i, 21);
        const size = 2 ** i;
        let pos = 0;
        let calls = 0;
        let bytes = 0;
        const e = measure(`read:${size}`, () => {
          if (pos + size > FILE) pos = 0;
          const got = fs.readSync(fd, buf, 0, size, pos);
          pos += got;
          calls++;
          bytes += got;
        }, { note: 'fs.readSync with a position: pread(2), no lseek needed' });
        const median = e.median_ns as number;
        Object.assign(e, {
          buffer_bytes: size,
          ns_per_byte: median / size,
          syscalls_per_mib: (calls * (1 << 20)) / bytes,
          mib_per_s: (size / median) * 1e9 / (1 << 20),
        });
      }
      progress(21, 21);
      fs.closeSync(fd);
    },
    'pipe-pingpong': async () => {
      progress(0, 1);
      unavailable('pipe-roundtrip:same-cpu', 'pinning needs the native probes (Node has no sched_setaffinity)');
      unavailable('pipe-roundtrip:two-cpus', 'pinning needs the native probes (Node has no sched_setaffinity)');
      const child = cp.spawn(process.execPath, ['-e', "process.stdin.on('data', (d) => process.stdout.write(d))"], {
        stdio: ['pipe', 'pipe', 'inherit'],
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      });
      const stdin = child.stdin;
      const stdout = child.stdout;
      if (!stdin || !stdout) throw new Error('no pipes to the echo child');
      let waiting: (() => void) | null = null;
      stdout.on('data', () => { const w = waiting; waiting = null; w?.(); });
      const trips = async (n: number): Promise<number> => {
        const t0 = now();
        for (let i = 0; i < n; i++) {
          await new Promise<void>((res) => { waiting = res; stdin.write('x'); });
        }
        return Number(now() - t0);
      };
      let n = 1;
      const target = minRepeatMs * 1e6;
      for (let dt = await trips(n); dt < target; dt = await trips(n)) n = Math.ceil((n * target * 1.1) / Math.max(dt, 1));
      await trips(n);
      const samples: number[] = [];
      for (let r = 0; r < repeats; r++) samples.push((await trips(n)) / n);
      stdin.end();
      child.kill();
      const s = stats(samples);
      results.push({ op: 'pipe-roundtrip:unpinned', ...s, iterations: n, repeats, note: 'node streams both sides: includes event-loop work; not pinned' });
      results.push({ op: 'pipe-switch:unpinned', median_ns: s.median_ns / 2, p10_ns: s.p10_ns / 2, p90_ns: s.p90_ns / 2, iterations: n, repeats, note: 'round trip / 2' });
      progress(1, 1);
    },
    'futex-pingpong': async () => {
      progress(0, 1);
      unavailable('futex-roundtrip:same-cpu', 'pinning needs the native probes (Node has no sched_setaffinity)');
      unavailable('futex-roundtrip:two-cpus', 'pinning needs the native probes (Node has no sched_setaffinity)');
      // Atomics.wait/notify between two threads: V8 parks the waiter on a
      // condition variable, which glibc builds on futex(2).
      const turn = new Int32Array(new SharedArrayBuffer(8));
      const partner = new wt.Worker(
        `const { workerData } = require('node:worker_threads');
         const t = workerData;
         for (;;) {
           while (Atomics.load(t, 0) === 0) Atomics.wait(t, 0, 0);
           if (Atomics.load(t, 1) === 1) break;
           Atomics.store(t, 0, 0);
           Atomics.notify(t, 0, 1);
         }`,
        { eval: true, workerData: turn },
      );
      await new Promise<void>((res) => partner.once('online', () => res()));
      measure('futex-roundtrip:unpinned', () => {
        Atomics.store(turn, 0, 1);
        Atomics.notify(turn, 0, 1);
        while (Atomics.load(turn, 0) === 1) Atomics.wait(turn, 0, 1);
      }, { note: 'Atomics.wait/notify between worker threads (futex underneath); not pinned', cpu_median_ns: undefined });
      Atomics.store(turn, 1, 1);
      Atomics.store(turn, 0, 1);
      Atomics.notify(turn, 0, 1);
      await partner.terminate();
      progress(1, 1);
    },
    int80: () => {
      unavailable('getpid:int80', `${NATIVE_ONLY}: Node cannot execute int $0x80`);
    },
    'page-fault': () => {
      const PAGE = 4096;
      const faults = (): number => process.resourceUsage().minorPageFault;
      type WasmMemory = new (d: { initial: number }) => { buffer: ArrayBuffer };
      const Memory = (globalThis as unknown as { WebAssembly: { Memory: WasmMemory } }).WebAssembly.Memory;
      const once = (pages: number): { walk: number; faults: number; touch: number } => {
        // WebAssembly memory is a fresh anonymous mmap made by V8 itself (malloc
        // could hand back pages it already touched): zero-filled on first touch.
        const buf = new Uint8Array(new Memory({ initial: Math.ceil((pages * PAGE) / 65536) }).buffer);
        const f0 = faults();
        const t0 = now();
        for (let i = 0; i < pages; i++) buf[i * PAGE] = 1;
        const t1 = now();
        const f1 = faults();
        for (let i = 0; i < pages; i++) buf[i * PAGE] = 2;
        const t2 = now();
        return { touch: Number(t1 - t0), walk: Number(t2 - t1), faults: f1 - f0 };
      };
      progress(0, 1);
      let pages = 256;
      while (once(pages).touch < minRepeatMs * 1e6 && pages < 1 << 18) pages *= 2;
      once(pages);
      const samples = Array.from({ length: repeats }, () => once(pages));
      // Subtract the second pass's median (the loop itself), as the native probe does.
      const loop = median(samples.map((x) => x.walk));
      const perFault = samples.map((x) => (x.touch - loop) / Math.max(1, x.faults));
      const total = samples.reduce((sum, x) => sum + x.faults, 0);
      results.push({
        op: 'page-fault:anon-write', ...stats(perFault), iterations: pages, repeats, pages, overhead_ns: loop / pages,
        minor_faults_per_repeat: total / repeats, faults_per_page: total / repeats / pages,
        note: 'fresh WebAssembly.Memory, one write per page; transparent huge pages not disabled',
      });
      progress(1, 1);
    },
    maps: () => {
      progress(0, 1);
      results.push({ op: 'maps-raw', text: fs.readFileSync('/proc/self/maps', 'utf8') });
      const NAMES: Record<number, string> = {
        3: 'AT_PHDR', 4: 'AT_PHENT', 5: 'AT_PHNUM', 6: 'AT_PAGESZ', 7: 'AT_BASE', 8: 'AT_FLAGS', 9: 'AT_ENTRY',
        11: 'AT_UID', 12: 'AT_EUID', 13: 'AT_GID', 14: 'AT_EGID', 15: 'AT_PLATFORM', 16: 'AT_HWCAP', 17: 'AT_CLKTCK',
        23: 'AT_SECURE', 24: 'AT_BASE_PLATFORM', 25: 'AT_RANDOM', 26: 'AT_HWCAP2', 31: 'AT_EXECFN', 33: 'AT_SYSINFO_EHDR',
        51: 'AT_MINSIGSTKSZ',
      };
      const auxv = fs.readFileSync('/proc/self/auxv');
      let vdso = 0n;
      for (let off = 0; off + 16 <= auxv.length; off += 16) {
        const type = Number(auxv.readBigUInt64LE(off));
        const value = auxv.readBigUInt64LE(off + 8);
        if (type === 0) break;
        if (type === 33) vdso = value;
        results.push({ op: 'auxv', type, name: NAMES[type] ?? 'unknown', value: `0x${value.toString(16)}` });
      }
      results.push({ op: 'vdso', address: `0x${vdso.toString(16)}`, source: '/proc/self/auxv AT_SYSINFO_EHDR' });
      progress(1, 1);
    },
    'eintr-matrix': () => {
      unavailable('eintr:read-pipe', `${NATIVE_ONLY}: Node installs its own signal handlers, so SA_RESTART cannot be chosen`);
      unavailable('eintr:poll', NATIVE_ONLY);
      unavailable('eintr:nanosleep', NATIVE_ONLY);
    },
  };
  const probe = probes[name];
  if (!probe) throw new Error(`unknown fallback probe ${name}`);
  await probe();
  process.stdout.write(`${JSON.stringify({ probe: name, results })}\n`);
}
