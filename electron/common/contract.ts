// The one IPC contract. Every command has an argument schema (validated by the host
// before any handler runs) and a result type; every event has a payload type.
// The Electron preload and the web host's WebSocket client are both generated from it.

import { array, bool, num, obj, oneOf, optional, str, unchecked, type Infer, type Schema } from './schema.js';
import type { AppInfo, BreakpointsReply, CoreInfo, GradeReport, LabDetail, LabProgressView, LabSummary, LoadReply, SessionState, WorkerFault } from './types.js';
import type { HostFacts, ProbeInfo, ProbeProgress } from './probe-types.js';
import type { ProbeRunRecord } from './types.js';
import type { EmulatedLayouts, MachineInspection, MemoryDump } from './inspect-types.js';
import type { CalibrationReport, ExperimentDef, ExperimentProgress, ExperimentResult } from './experiment-types.js';
import type { BothWaysResult } from './native-run-types.js';

/** Every IPC channel and WebSocket message type starts with this. */
export const CHANNEL_PREFIX = 'syscall-lab:';

const id = str({ minLength: 1, maxLength: 128, pattern: /^[a-z0-9][a-z0-9._-]*$/ });
const uploadId = str({ pattern: /^[0-9a-f]{32}$/ });

export const commands = {
  'app.info': { args: obj({}), result: unchecked<AppInfo>() },
  'labs.list': { args: obj({}), result: unchecked<LabSummary[]>() },
  'labs.get': { args: obj({ packId: id, labId: id }), result: unchecked<LabDetail>() },
  /** Installed packs that failed to load, each with the loader's reason (shown, never silently dropped). */
  'labs.problems': { args: obj({}), result: unchecked<string[]>() },
  'packs.import': {
    // Small packs come inline as base64; larger ones are sent first with packs.uploadChunk
    // (the web host's frames are capped at 8 MiB) and named here by their uploadId.
    args: obj({ fileName: str({ maxLength: 255 }), base64: optional(str({ maxLength: 6 * 1024 * 1024 })), uploadId: optional(uploadId) }),
    result: unchecked<{ id: string; version: string; labs: number; warnings: string[] }>(),
  },
  'packs.uploadBegin': { args: obj({}), result: unchecked<{ uploadId: string }>() },
  'packs.uploadChunk': {
    args: obj({ uploadId, index: num({ int: true, min: 0, max: 100_000 }), base64: str({ minLength: 1, maxLength: 4 * 1024 * 1024 }) }),
    result: unchecked<{ received: number }>(),
  },
  'labs.grade': {
    args: obj({ packId: id, labId: id, arch: oneOf(['x86_64', 'arm64'] as const), source: str({ maxLength: 256 * 1024 }), stdin: optional(str({ maxLength: 1024 * 1024 })) }),
    result: unchecked<GradeReport>(),
  },
  'progress.load': { args: obj({ packId: id, labId: id }), result: unchecked<LabProgressView>() },
  // Every lab's saved progress for one pack, with the student's seed, as a JSON file for an instructor.
  'progress.export': { args: obj({ packId: id }), result: unchecked<{ fileName: string; json: string }>() },
  'progress.save': {
    args: obj({
      packId: id,
      labId: id,
      // Either may be left out: what is not sent keeps its saved value (the Labs view saves steps, the Playground drafts).
      stepsDone: optional(array(str({ maxLength: 128 }), { maxItems: 200 })),
      drafts: optional(array(obj({ file: str({ maxLength: 128 }), source: str({ maxLength: 256 * 1024 }) }), { maxItems: 32 })),
    }),
    result: unchecked<null>(),
  },
  'core.info': { args: obj({}), result: unchecked<CoreInfo>() },
  'core.faultInject': {
    // Only honoured when the host was started with fault injection enabled (tests).
    args: obj({ mode: oneOf(['throw', 'hang', 'exit'] as const), timeoutMs: optional(num({ int: true, min: 10, max: 60_000 })) }),
    result: unchecked<{ survived: boolean }>(),
  },
  'emulator.load': {
    args: obj({
      arch: oneOf(['x86_64', 'arm64'] as const),
      source: str({ maxLength: 256 * 1024 }),
      stdin: optional(str({ maxLength: 1024 * 1024 })),
      seed: optional(num({ int: true, min: 0, max: 2 ** 31 })),
      aslr: optional(bool()),
    }),
    result: unchecked<LoadReply>(),
  },
  'emulator.run': {
    args: obj({
      sessionId: num({ int: true, min: 1 }),
      budget: optional(num({ int: true, min: 1, max: 2_000_000_000 })),
      until: optional(oneOf(['exit', 'syscall'] as const)),
    }),
    result: unchecked<SessionState>(),
  },
  'emulator.step': { args: obj({ sessionId: num({ int: true, min: 1 }), count: optional(num({ int: true, min: 1, max: 100_000 })) }), result: unchecked<SessionState>() },
  'emulator.stepOver': {
    args: obj({ sessionId: num({ int: true, min: 1 }), budget: optional(num({ int: true, min: 1, max: 2_000_000_000 })) }),
    result: unchecked<SessionState>(),
  },
  'emulator.stepBack': { args: obj({ sessionId: num({ int: true, min: 1 }) }), result: unchecked<SessionState>() },
  'emulator.setBreakpoints': {
    // Source lines: the student's program (user) and the kernel's entry code (kernel).
    args: obj({
      sessionId: num({ int: true, min: 1 }),
      user: optional(array(num({ int: true, min: 1, max: 1_000_000 }), { maxItems: 256 })),
      kernel: optional(array(num({ int: true, min: 1, max: 1_000_000 }), { maxItems: 256 })),
    }),
    result: unchecked<BreakpointsReply>(),
  },
  /** Ends a running emulator.run between slices; it then answers with the state it reached. */
  'emulator.stop': { args: obj({}), result: unchecked<{ stopped: boolean }>() },
  'emulator.close': { args: obj({ sessionId: num({ int: true, min: 1 }) }), result: unchecked<{ closed: boolean }>() },
  // ---- machine views: read a stopped session (never changes the run) ----
  'emulator.memory': {
    // addr as typed by the student (hex or decimal); checked for canonical form by the core.
    args: obj({ sessionId: num({ int: true, min: 1 }), addr: str({ minLength: 1, maxLength: 24 }), length: num({ int: true, min: 1, max: 4096 }) }),
    result: unchecked<MemoryDump>(),
  },
  'emulator.inspect': { args: obj({ sessionId: num({ int: true, min: 1 }), stackWords: optional(num({ int: true, min: 1, max: 512 })) }), result: unchecked<MachineInspection>() },
  'emulator.layouts': {
    // The same program loaded once per seed: the layouts ASLR produced (address-space map).
    args: obj({ source: str({ maxLength: 256 * 1024 }), seeds: array(num({ int: true, min: 0, max: 2 ** 31 }), { maxItems: 8 }), aslr: optional(bool()), arch: optional(oneOf(['x86_64', 'arm64'] as const)) }),
    result: unchecked<EmulatedLayouts>(),
  },
  // ---- end of machine views ----
  'probes.list': { args: obj({}), result: unchecked<ProbeInfo[]>() },
  'probes.hostFacts': { args: obj({}), result: unchecked<HostFacts>() },
  'probes.run': {
    args: obj({ name: str({ maxLength: 64, pattern: /^[a-z0-9-]+$/ }), runId: num({ int: true, min: 1 }), timeoutMs: optional(num({ int: true, min: 1000, max: 600_000 })) }),
    result: unchecked<ProbeRunRecord>(),
  },
  'probes.cancel': { args: obj({ runId: num({ int: true, min: 1 }) }), result: unchecked<{ cancelled: boolean }>() },
  'probes.history': { args: obj({}), result: unchecked<ProbeRunRecord[]>() },
  // Experiments (emulated vs native), calibration, and "run natively": one block.
  'experiments.list': { args: obj({}), result: unchecked<ExperimentDef[]>() },
  'experiments.run': {
    args: obj({
      id,
      runId: num({ int: true, min: 1 }),
      halves: array(oneOf(['emulated', 'native'] as const), { maxItems: 2 }),
      // Checked against the experiment's declared ranges by the host.
      params: optional(array(obj({ name: str({ maxLength: 64, pattern: /^[a-zA-Z][a-zA-Z0-9]*$/ }), value: num() }), { maxItems: 16 })),
      table: optional(oneOf(['default', 'calibrated'] as const)),
      // The native half from this stored probe run (Probes view: "compare with emulated") instead of a new one.
      nativeFrom: optional(num({ int: true, min: 1 })),
    }),
    result: unchecked<ExperimentResult[]>(),
  },
  'experiments.cancel': { args: obj({ runId: num({ int: true, min: 1 }) }), result: unchecked<{ cancelled: boolean }>() },
  'experiments.calibrate': { args: obj({ runId: num({ int: true, min: 1 }) }), result: unchecked<CalibrationReport>() },
  'experiments.calibration': { args: obj({ reset: optional(bool()) }), result: unchecked<CalibrationReport | null>() },
  'native.run': {
    // Runs the user's program on this machine: the renderer sends it only from the
    // "Run natively" button, with confirmed: true.
    args: obj({
      source: str({ maxLength: 256 * 1024 }),
      stdin: optional(str({ maxLength: 1024 * 1024 })),
      timeoutMs: optional(num({ int: true, min: 100, max: 60_000 })),
      confirmed: bool(),
    }),
    result: unchecked<BothWaysResult>(),
  },
  'prefs.get': { args: obj({ keys: array(str({ maxLength: 64 }), { maxItems: 64 }) }), result: unchecked<Record<string, string>>() },
  'prefs.set': { args: obj({ key: str({ maxLength: 64 }), value: str({ maxLength: 4096 }) }), result: unchecked<null>() },
} satisfies Record<string, { args: Schema<unknown>; result: Schema<unknown> }>;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandArgs<K extends CommandName> = Infer<Commands[K]['args']>;
export type CommandResult<K extends CommandName> = Infer<Commands[K]['result']>;

export interface Events {
  'core.fault': WorkerFault;
  'emulator.progress': { sessionId: number; instructions: number; syscalls: number };
  'probes.progress': ProbeProgress & { runId: number };
  'experiments.progress': ExperimentProgress;
  'host.log': { level: 'info' | 'warn' | 'error'; message: string };
}
export type EventName = keyof Events;

export const commandNames = Object.keys(commands) as CommandName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);
}

/** A failed command as it crosses the boundary: a code a program can switch on, a message a person can read. */
export interface CommandError {
  code: 'bad-command' | 'bad-args' | 'not-available' | 'worker-crashed' | 'timeout' | 'failed' | 'forbidden';
  message: string;
}

export type CommandReply<T> = { ok: true; value: T } | { ok: false; error: CommandError };
