// State of the machine views: what the host reported about the stopped session
// (disassembly, stack, signals, timeline, maps) and the memory view's address.
// Refreshed after every run or step; never invents data — empty until the host answers.

import type { Arch } from '../../../core/trace/events.js';
import type { LabApi } from '../../../electron/common/client.js';
import type { EmulatedLayouts, MachineInspection, MemoryDump } from '../../../electron/common/inspect-types.js';
import type { ProbeReport } from '../../../electron/common/probe-types.js';
import type { SessionState } from '../../../electron/common/types.js';

export class MachineInspector {
  data = $state<MachineInspection | null>(null);
  error = $state<string | null>(null);
  /** The memory view: an address typed by the student, or a register to follow. */
  memoryAddr = $state('');
  follow = $state<string>('rsp');
  memory = $state<MemoryDump | null>(null);
  memoryError = $state<string | null>(null);
  layouts = $state<EmulatedLayouts | null>(null);
  /** The arch the seeded loads were built for. */
  layoutsArch = $state<Arch>('x86_64');
  nativeMaps = $state<ProbeReport | null>(null);
  nativeAslr = $state<ProbeReport | null>(null);
  busy = $state<string | null>(null);
  private session: SessionState | null = null;
  /** Probe run ids of our own, far from the Probes view's (both count from 1). */
  private runIds = 1;

  constructor(private readonly api: LabApi) {}

  async refresh(session: SessionState | null): Promise<void> {
    this.session = session;
    if (!session) {
      this.data = null;
      this.memory = null;
      return;
    }
    try {
      const data = await this.api['emulator.inspect']({ sessionId: session.sessionId });
      if (this.session === session) this.data = data;
      this.error = null;
    } catch (err) {
      this.error = (err as Error).message;
    }
    await this.readMemory();
  }

  /** The address the memory view shows: the followed register's value, or what was typed. */
  private address(): string | null {
    if (this.follow !== '') return this.session?.view.registers.find((r) => r.name === this.follow)?.value ?? null;
    return this.memoryAddr.trim() === '' ? null : this.memoryAddr.trim();
  }

  async readMemory(): Promise<void> {
    const s = this.session;
    const addr = this.address();
    if (!s || addr === null) {
      this.memory = null;
      return;
    }
    try {
      this.memory = await this.api['emulator.memory']({ sessionId: s.sessionId, addr, length: 128 });
      this.memoryError = null;
    } catch (err) {
      this.memory = null;
      this.memoryError = (err as Error).message;
    }
  }

  /** Load the program once per seed and ask the host where ASLR put everything. */
  async compareSeeds(source: string, seeds: number[], arch: Arch): Promise<void> {
    await this.work('Loading the program with several seeds…', async () => {
      this.layouts = await this.api['emulator.layouts']({ source, seeds, arch });
      this.layoutsArch = arch;
    });
  }

  /** Run a native probe (`maps` or `aslr`) on this machine's kernel. */
  async probe(name: 'maps' | 'aslr'): Promise<void> {
    await this.work(`Running the native ${name} probe…`, async () => {
      const rec = await this.api['probes.run']({ name, runId: 1_000_000 + this.runIds++ });
      if (name === 'maps') this.nativeMaps = rec.report;
      else this.nativeAslr = rec.report;
    });
  }

  private async work(what: string, fn: () => Promise<void>): Promise<void> {
    this.busy = what;
    this.error = null;
    try {
      await fn();
    } catch (err) {
      this.error = (err as Error).message;
    } finally {
      this.busy = null;
    }
  }
}
