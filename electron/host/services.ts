// The host services behind every transport (Electron IPC, the web host's WebSocket,
// the CLI). dispatch() is the single entry: it checks the command name and validates
// the arguments against the contract before any handler sees them.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  commands,
  isCommandName,
  type CommandArgs,
  type CommandError,
  type CommandName,
  type CommandReply,
  type CommandResult,
  type EventName,
  type Events,
} from '../common/contract.js';
import { validate } from '../common/schema.js';
import type { BreakpointsReply, LoadReply, SessionState } from '../common/types.js';
import type { EmulatedLayouts, MachineInspection, MemoryDump } from '../common/inspect-types.js';
import { EmulatorHost, WorkerFailure } from './emulator/emulator-host.js';
import { LabCatalog } from './labs/lab-catalog.js';
import { ProbeService } from './probes/probe-service.js';
import { ProgressStore } from './progress/progress-store.js';
import { findLab, gradeSubmission } from './packs/grade.js';
import { probeReportsUsed } from './packs/check-eval.js';
import { importPack } from './packs/pack-import.js';
import { PackUploads, UploadError } from './packs/pack-upload.js';
import { formatIssue, PackError } from './packs/pack-issue.js';
import { workerLabRunner } from './emulator/lab-runner.js';
import type { ProbeReport } from '../common/probe-types.js';
import { appVersion, builtinPackDirs } from './paths.js';
import { readPrefs, studentSeed, updatePrefs } from './prefs-file.js';
import { exportProgress } from './progress/progress-export.js';
import { createExperimentService, experimentHandlers, type ExperimentHost } from './experiments/experiment-handlers.js';
import type { ExperimentService } from './experiments/experiment-service.js';

export interface HostServicesOptions {
  userDataDir: string;
  transport: 'electron' | 'web';
  packDirs?: string[];
  /** Lets tests crash the worker on purpose through core.faultInject. */
  allowFaultInjection?: boolean;
  workerTimeoutMs?: number;
}

type Handlers = { [K in CommandName]: (args: CommandArgs<K>) => Promise<CommandResult<K>> };
type Listener = <E extends EventName>(event: E, payload: Events[E]) => void;

export class CommandFailure extends Error {
  constructor(readonly code: CommandError['code'], message: string) {
    super(message);
  }
}

export class HostServices {
  readonly emulator: EmulatorHost;
  readonly probes: ProbeService;
  readonly progress: ProgressStore;
  private readonly uploads = new PackUploads();
  readonly experiments: ExperimentService;
  private readonly experimentHost: ExperimentHost;
  private readonly catalog: LabCatalog;
  private readonly listeners = new Set<Listener>();
  private readonly handlers: Handlers;

  constructor(private readonly options: HostServicesOptions) {
    this.emulator = new EmulatorHost({
      defaultTimeoutMs: options.workerTimeoutMs ?? 10_000,
      onFault: (fault) => this.emit('core.fault', fault),
    });
    this.catalog = new LabCatalog({
      builtinDirs: options.packDirs ?? builtinPackDirs(),
      userDataDir: options.userDataDir,
      appVersion: appVersion(),
      seed: () => studentSeed(this.options.userDataDir),
    });
    this.probes = new ProbeService(options.userDataDir);
    this.progress = new ProgressStore(options.userDataDir, { log: (message) => this.emit('host.log', { level: 'warn', message }) });
    this.experimentHost = {
      emulator: this.emulator,
      probes: this.probes,
      emit: (event, payload) => this.emit(event, payload),
      readPref: async (key) => (await this.readPrefs())[key],
      writePref: async (key, value) => {
        await updatePrefs(this.options.userDataDir, (prefs) => {
          if (value === undefined) delete prefs[key];
          else prefs[key] = value;
        });
      },
      refuse: (code, message) => new CommandFailure(code, message),
    };
    this.experiments = createExperimentService(this.experimentHost);
    this.handlers = this.makeHandlers();
  }

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const l of this.listeners) l(event, payload);
  }

  async dispatch(command: unknown, rawArgs: unknown): Promise<CommandReply<unknown>> {
    if (!isCommandName(command)) {
      return { ok: false, error: { code: 'bad-command', message: `unknown command ${JSON.stringify(String(command)).slice(0, 80)}` } };
    }
    const checked = validate(commands[command].args, rawArgs ?? {});
    if (!checked.ok) return { ok: false, error: { code: 'bad-args', message: `${command}: ${checked.error}` } };
    try {
      const handler = this.handlers[command] as (args: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(checked.value) };
    } catch (err) {
      if (err instanceof CommandFailure) return { ok: false, error: { code: err.code, message: err.message } };
      if (err instanceof WorkerFailure) {
        const code = err.fault.reason === 'hung' ? 'timeout' : 'worker-crashed';
        return { ok: false, error: { code, message: err.message } };
      }
      return { ok: false, error: { code: 'failed', message: err instanceof Error ? err.message : String(err) } };
    }
  }

  private readPrefs(): Promise<Record<string, string>> {
    return readPrefs(this.options.userDataDir);
  }

  private makeHandlers(): Handlers {
    return {
      'app.info': async () => ({ name: 'Syscall Lab', version: appVersion(), transport: this.options.transport, platform: process.platform }),
      'labs.list': async () => {
        const labs = await this.catalog.list();
        // The student's place in each lab, read without repairs (a damaged file is dealt with when the lab opens).
        await Promise.all(
          labs.map(async (lab) => {
            const saved = await this.progress.peek(lab.packId, lab.labId);
            if (!saved || !lab.progress) return;
            const steps = lab.progress.steps;
            lab.progress = { steps, stepsDone: Math.min(steps, saved.stepsDone.length), score: saved.results?.gradable ? saved.results.score : null };
          }),
        );
        return labs;
      },
      'labs.problems': async () => {
        await this.catalog.list();
        return [...this.catalog.problems];
      },
      'labs.get': async ({ packId, labId }) => {
        const lab = await this.catalog.get(packId, labId);
        if (!lab) throw new CommandFailure('failed', `no lab '${labId}' in pack '${packId}'`);
        return lab;
      },
      'packs.import': async ({ fileName, base64, uploadId }) => {
        if (!/\.labpack$/i.test(fileName)) throw new CommandFailure('bad-args', `${fileName} is not a .labpack file`);
        if ((base64 === undefined) === (uploadId === undefined)) throw new CommandFailure('bad-args', 'give the pack as base64 or as an uploadId, not both or neither');
        let file: string;
        let cleanup: () => Promise<void>;
        if (uploadId !== undefined) {
          ({ file, cleanup } = await this.uploads.take(uploadId).catch((err: Error) => {
            throw new CommandFailure('failed', `${fileName} was not imported: ${err.message}`);
          }));
        } else {
          const dir = await mkdtemp(join(tmpdir(), 'syscall-lab-import-'));
          file = join(dir, 'import.labpack');
          cleanup = () => rm(dir, { recursive: true, force: true });
          await writeFile(file, Buffer.from(base64!, 'base64'));
        }
        try {
          const result = await importPack(file, this.options.userDataDir, { appVersion: appVersion() });
          this.catalog.invalidate();
          return { id: result.id, version: result.version, labs: result.pack.labs.length, warnings: result.warnings.map(formatIssue) };
        } catch (err) {
          if (err instanceof PackError) throw new CommandFailure('failed', `${fileName} was not imported: ${err.message}`);
          throw err;
        } finally {
          await cleanup();
        }
      },
      'packs.uploadBegin': async () => ({ uploadId: await this.uploads.begin() }),
      'packs.uploadChunk': async ({ uploadId, index, base64 }) => {
        try {
          return { received: await this.uploads.append(uploadId, index, Buffer.from(base64, 'base64')) };
        } catch (err) {
          if (err instanceof UploadError) throw new CommandFailure('failed', err.message);
          throw err;
        }
      },
      'labs.grade': async ({ packId, labId, arch, source, stdin }) => {
        const opened = await this.catalog.pack(packId);
        if (!opened) throw new CommandFailure('failed', `no pack '${packId}'`);
        // Probe checks compare against this machine's latest run of each probe.
        const latest = new Map<string, ProbeReport>();
        for (const h of await this.probes.history()) if (!latest.has(h.report.probe)) latest.set(h.report.probe, h.report);
        const results = await gradeSubmission({
          pack: opened.pack,
          labId,
          submission: { source, fileName: 'main.s', arch, ...(stdin !== undefined ? { stdin } : {}) },
          seed: await this.catalog.seed(),
          runner: workerLabRunner(this.emulator),
          probes: [...latest.values()],
        });
        // The probe runs the lab's checks read are kept with the result: the export shows the evidence.
        const lab = findLab(opened.pack, labId);
        const probeRuns = lab ? probeReportsUsed(lab.def.checks, [...latest.values()]) : [];
        const current = (await this.progress.load(packId, labId)).progress;
        this.progress.save(packId, labId, { ...current, results, probeRuns, drafts: { ...current.drafts, 'main.s': source } });
        return results;
      },
      'progress.export': async ({ packId }) => {
        await this.progress.flush(); // a save still inside its debounce window belongs in the export
        const json = await exportProgress(this.options.userDataDir, packId, { seed: await this.catalog.seed(), appVersion: appVersion() });
        return { fileName: `${packId}-progress.json`, json };
      },
      'progress.load': async ({ packId, labId }) => {
        const loaded = await this.progress.load(packId, labId);
        return { stepsDone: loaded.progress.stepsDone, drafts: loaded.progress.drafts, notice: loaded.notice };
      },
      'progress.save': async ({ packId, labId, stepsDone, drafts }) => {
        const current = (await this.progress.load(packId, labId)).progress;
        this.progress.save(packId, labId, {
          ...current,
          ...(stepsDone !== undefined ? { stepsDone } : {}),
          ...(drafts !== undefined ? { drafts: { ...current.drafts, ...Object.fromEntries(drafts.map((d) => [d.file, d.source])) } } : {}),
        });
        return null;
      },
      'core.info': async () => {
        const info = (await this.emulator.request({ type: 'info' })) as { architectures: string[] };
        return { architectures: info.architectures, workerGeneration: this.emulator.generation, workerRestarts: this.emulator.restarts };
      },
      'core.faultInject': async ({ mode, timeoutMs }) => {
        if (!this.options.allowFaultInjection) throw new CommandFailure('forbidden', 'fault injection is only enabled in tests');
        // The worker never answers a fault; the request ends in a WorkerFailure,
        // which dispatch() reports as a typed error after the worker is replaced.
        await this.emulator.request({ type: 'fault-inject', mode }, { timeoutMs: timeoutMs ?? 2000 });
        return { survived: true };
      },
      'emulator.load': async (args) => (await this.emulator.request({ type: 'call', op: 'machine.load', payload: args, budget: 0 })) as LoadReply,
      'emulator.run': async ({ sessionId, budget, until }) =>
        (await this.emulator.request(
          { type: 'call', op: 'machine.run', payload: { sessionId, until }, budget: budget ?? 200_000_000 },
          { onProgress: (p) => this.emit('emulator.progress', { sessionId, ...(p as { instructions: number; syscalls: number }) }) },
        )) as SessionState,
      'emulator.step': async ({ sessionId, count }) => (await this.emulator.request({ type: 'call', op: 'machine.step', payload: { sessionId, count }, budget: 0 })) as SessionState,
      'emulator.stepOver': async ({ sessionId, budget }) => this.stepping('machine.stepOver', sessionId, budget ?? 200_000_000),
      // Step back replays from the start, so it streams progress like a run.
      'emulator.stepBack': async ({ sessionId }) => this.stepping('machine.stepBack', sessionId, 0),
      'emulator.setBreakpoints': async ({ sessionId, user, kernel }) =>
        (await this.emulator.request({ type: 'call', op: 'machine.setBreakpoints', payload: { sessionId, user, kernel }, budget: 0 })) as BreakpointsReply,
      'emulator.stop': async () => ({ stopped: this.emulator.interrupt() }),
      'emulator.close': async ({ sessionId }) => (await this.emulator.request({ type: 'call', op: 'machine.close', payload: { sessionId }, budget: 0 })) as { closed: boolean },
      'emulator.memory': async (args) => (await this.emulator.request({ type: 'call', op: 'machine.memory', payload: args, budget: 0 })) as MemoryDump,
      'emulator.inspect': async (args) => (await this.emulator.request({ type: 'call', op: 'machine.inspect', payload: args, budget: 0 })) as MachineInspection,
      'emulator.layouts': async (args) => (await this.emulator.request({ type: 'call', op: 'machine.layouts', payload: args, budget: 0 })) as EmulatedLayouts,
      'probes.list': async () => this.probes.list(),
      'probes.hostFacts': () => this.probes.hostFacts(),
      'probes.run': ({ name, runId, timeoutMs }) => this.probes.run(name, runId, timeoutMs, (p) => this.emit('probes.progress', { ...p, runId })),
      'probes.cancel': async ({ runId }) => ({ cancelled: this.probes.cancel(runId) }),
      'probes.history': () => this.probes.history(),
      ...experimentHandlers(this.experimentHost, this.experiments),
      'prefs.get': async ({ keys }) => {
        const prefs = await this.readPrefs();
        return Object.fromEntries(keys.filter((k) => typeof prefs[k] === 'string').map((k) => [k, prefs[k] as string]));
      },
      'prefs.set': async ({ key, value }) => {
        await updatePrefs(this.options.userDataDir, (prefs) => {
          prefs[key] = value;
        });
        return null;
      },
    };
  }

  /** A stepping command that may run long: its progress goes out as emulator.progress. */
  private async stepping(op: string, sessionId: number, budget: number): Promise<SessionState> {
    return (await this.emulator.request(
      { type: 'call', op, payload: { sessionId }, budget },
      { onProgress: (p) => this.emit('emulator.progress', { sessionId, ...(p as { instructions: number; syscalls: number }) }) },
    )) as SessionState;
  }

  async close(): Promise<void> {
    this.probes.cancelAll();
    this.experiments.cancelAll();
    await this.progress.flush();
    await this.uploads.close();
    await this.emulator.close();
  }
}
