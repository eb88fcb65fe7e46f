// Worker operations that read a stopped session for the machine views: memory at
// an address, and the inspection bundle (disassembly, stack, signals, timeline,
// memory map). Reading never changes the run; a bad address is a clear error.

import { disassemblyWindow, kernelRegions, mapsText, signalsView } from '../../../core/machine-inspect.js';
import { InspectError, parseGuestAddress, peekMemory, stackWords, type MemoryDump } from '../../../core/machine-memory.js';
import { buildFromSource, ExecError, Machine } from '../../../core/machine.js';
import type { Arch } from '../../../core/trace/events.js';
import type { EmulatedLayouts, MachineInspection } from '../../common/inspect-types.js';
import type { MapRegion } from '../../common/probe-types.js';
import { analyzeAslr } from '../probes/aslr.js';
import { parseMaps } from '../probes/maps-parse.js';
import { session, type Session } from './machine-ops.js';
import { registerOp } from './worker-ops.js';

/** The last non-empty maps per session, so the map survives the process's exit. */
const lastMaps = new WeakMap<Session, MapRegion[]>();

function currentMaps(s: Session): MapRegion[] {
  const text = mapsText(s.machine);
  if (text !== '') lastMaps.set(s, parseMaps(text));
  return lastMaps.get(s) ?? [];
}

registerOp('machine.memory', (payload): MemoryDump => {
  const [, s] = session(payload);
  const { addr, length } = payload as { addr: string; length: number };
  try {
    return peekMemory(s.machine, parseGuestAddress(addr), length);
  } catch (err) {
    if (err instanceof InspectError) throw new Error(err.message);
    throw err;
  }
});

registerOp('machine.inspect', (payload): MachineInspection => {
  const [id, s] = session(payload);
  const words = (payload as { stackWords?: number }).stackWords ?? 24;
  return {
    sessionId: id,
    disassembly: disassemblyWindow(s.machine, s.program),
    stack: stackWords(s.machine, words, s.program.symbols),
    signals: signalsView(s.machine, s.program),
    timeline: s.watch.timeline(),
    maps: currentMaps(s),
    kernel: kernelRegions(s.machine),
  };
});

registerOp('machine.layouts', (payload): EmulatedLayouts => {
  const { source, seeds, aslr, arch = 'x86_64' } = payload as { source: string; seeds: number[]; aslr?: boolean; arch?: Arch };
  const built = buildFromSource(source, arch);
  if (!built.ok) throw new Error(`the program does not assemble: line ${built.errors[0]?.line}: ${built.errors[0]?.message}`);
  const runs = seeds.map((seed) => {
    try {
      // The layout exec chose, before the program runs: what ASLR placed where.
      const m = Machine.fromElf(built.program.elf, '/home/student/a.out', { arch, seed, aslr: aslr ?? true, argv: ['./a.out'] });
      return { seed, maps: parseMaps(mapsText(m)) };
    } catch (err) {
      if (err instanceof ExecError) throw new Error(err.message);
      throw err;
    }
  });
  return { runs, aslr: analyzeAslr(runs.map((r) => r.maps)) };
});
