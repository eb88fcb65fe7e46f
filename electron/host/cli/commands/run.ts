import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { buildFromSource, ExecError, Machine, type MachineStats } from '../../../../core/machine.js';
import type { Arch } from '../../../../core/trace/events.js';
import { pidPrefix } from '../../../../core/trace/strace-format.js';
import { intFlag, parseFlags } from '../args.js';
import { UsageError, type CliCommand, type CliIo } from '../command.js';

const USAGE = `usage: syscall-lab run [--arch x86_64|arm64] [--trace] [--stats] [--no-aslr] [--seed N] [--max-seconds S] FILE [ARGS...]

Runs FILE in the emulator: a .s/.S assembly source (assembled and linked first) or a
static ELF executable (the architecture comes from its header). Guest stdin, stdout
and stderr pass through; the exit status is the guest's, or 128+N when signal N
killed it.

  --trace        print every syscall, signal and exit in strace's format on stderr
  --stats        print instructions, mode switches, page walks, TLB misses and
                 emulated cycles on stderr when the program ends
  --no-aslr      do not randomise the address-space layout
  --seed N       seed for ASLR and the guest's randomness (default 1)
  --max-seconds  wall-clock limit (default 60)`;

const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46];

function isElf(bytes: Uint8Array): boolean {
  return ELF_MAGIC.every((b, i) => bytes[i] === b);
}

function elfArch(bytes: Uint8Array): Arch | null {
  const machine = bytes[18]! | (bytes[19]! << 8);
  return machine === 62 ? 'x86_64' : machine === 183 ? 'arm64' : null;
}

function printStats(io: CliIo, s: MachineStats): void {
  const rows: [string, number][] = [
    ['instructions retired', s.instructions],
    ['mode switches', s.modeSwitches],
    ['syscalls', s.syscalls + s.int80],
    ['page walks', s.pageWalks],
    ['TLB misses', s.tlbMisses],
    ['TLB hits', s.tlbHits],
    ['page faults (exceptions)', s.exceptions],
    ['context switches', s.contextSwitches],
    ['emulated cycles', Math.round(s.cycles)],
    ['emulated time (ns)', Math.round(s.emulatedNs)],
  ];
  const lines = rows.map(([k, v]) => `${k.padEnd(26)} ${v.toLocaleString('en-US')}`);
  const breakdown = Object.entries(s.cyclesByEvent)
    .filter(([, v]) => v > 0)
    // copyByte counts bytes copied across the boundary, the other rows occurrences.
    .map(([k, v]) => `  ${k.padEnd(24)} ${Math.round(v).toLocaleString('en-US')} cycles (${k === 'copyByte' ? `${s.countsByEvent[k]} bytes` : `${s.countsByEvent[k]}×`})`);
  io.stderr(`--- stats ---\n${lines.join('\n')}\ncycles by event:\n${breakdown.join('\n')}\n`);
}

/** Read what stdin has now (or its end) without blocking the event loop forever. */
function nextStdinChunk(io: CliIo): Promise<Uint8Array | null> {
  return new Promise((resolveChunk) => {
    const stream = io.stdin;
    const onData = (d: Buffer) => finish(new Uint8Array(d));
    const onEnd = () => finish(null);
    const finish = (v: Uint8Array | null) => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.pause();
      resolveChunk(v);
    };
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.resume();
  });
}

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run an x86-64 or ARM64 program (.s source or ELF) in the emulator',
  usage: USAGE,
  async run(argv, io) {
    const parsed = parseFlags(argv, { values: ['arch', 'seed', 'max-seconds'], booleans: ['trace', 'stats', 'no-aslr'], stopAtPositional: true });
    const [file, ...guestArgs] = parsed.positionals;
    if (!file) throw new UsageError('missing FILE');
    const archFlag = parsed.flags.get('arch');
    if (archFlag !== undefined && archFlag !== 'x86_64' && archFlag !== 'arm64') throw new UsageError(`--arch must be x86_64 or arm64, not '${String(archFlag)}'`);
    const seed = intFlag(parsed, 'seed', 0, 2 ** 31) ?? 1;
    const maxSeconds = intFlag(parsed, 'max-seconds', 1, 86_400) ?? 60;
    const path = resolve(io.cwd, file);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(path));
    } catch (err) {
      io.stderr(`syscall-lab run: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
      return 1;
    }
    let arch: Arch = (archFlag as Arch | undefined) ?? 'x86_64';
    let elf: Uint8Array;
    if (isElf(bytes)) {
      const fromHeader = elfArch(bytes);
      if (fromHeader) arch = fromHeader;
      elf = bytes;
    } else {
      const built = buildFromSource(new TextDecoder().decode(bytes), arch, basename(file));
      if (!built.ok) {
        for (const e of built.errors) io.stderr(`${file}:${e.line}:${e.column}: error: ${e.message}\n`);
        return 1;
      }
      elf = built.program.elf;
    }
    const trace = parsed.flags.get('trace') === true;
    let machine: Machine | undefined;
    let sawSecondProcess = false;
    const multiProcess = (): boolean => {
      if (!sawSecondProcess && machine && machine.kernel.processes.size > 1) sawSecondProcess = true;
      return sawSecondProcess;
    };
    try {
      machine = Machine.fromElf(elf, path, {
        arch,
        seed,
        aslr: parsed.flags.get('no-aslr') !== true,
        terminal: Boolean(process.stdin.isTTY && process.stdout.isTTY),
        argv: [path, ...guestArgs],
        output: (fd, data) => (fd === 1 ? process.stdout.write(data) : process.stderr.write(data)),
        // Like strace -f: once a second process exists, every line names its pid.
        ...(trace ? { onEvent: (e) => ('line' in e ? io.stderr(`${multiProcess() ? pidPrefix(e.pid) : ''}${e.line}\n`) : undefined) } : {}),
      });
    } catch (err) {
      if (err instanceof ExecError || err instanceof Error) {
        io.stderr(`syscall-lab run: ${file}: ${err.message}\n`);
        return 1;
      }
      throw err;
    }
    const deadline = Date.now() + maxSeconds * 1000;
    for (;;) {
      const stop = machine.run(2_000_000);
      switch (stop.kind) {
        case 'budget':
          if (Date.now() > deadline) {
            io.stderr(`syscall-lab run: stopped after ${maxSeconds} s of wall-clock time (the guest was still running)\n`);
            return 124;
          }
          continue;
        case 'blocked':
          if (stop.on === 'stdin') {
            const chunk = await nextStdinChunk(io);
            if (chunk === null) machine.endStdin();
            else machine.pushStdin(chunk);
            continue;
          }
          io.stderr('syscall-lab run: deadlock: every task is waiting and nothing can wake it\n');
          return 1;
        case 'exit':
          if (parsed.flags.get('stats') === true) printStats(io, machine.stats());
          return stop.signal !== null ? 128 + stop.signal : (stop.code ?? 0);
        case 'breakpoint':
          continue;
        case 'limit':
          io.stderr(`syscall-lab run: ${stop.message}\n`);
          return 1;
        case 'panic':
          io.stderr(`syscall-lab run: kernel panic: ${stop.message}\n`);
          return 70;
      }
    }
  },
};
