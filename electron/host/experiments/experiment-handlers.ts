// The host handlers of the experiments block of the contract (experiments.*,
// native.run), kept beside the code they drive so services.ts only spreads them in.

import type { CommandArgs, CommandResult, EventName, Events } from '../../common/contract.js';
import type { CalibrationReport } from '../../common/experiment-types.js';
import type { BothWaysResult } from '../../common/native-run-types.js';
import type { ProbeName, ProbeReport } from '../../common/probe-types.js';
import type { LoadReply, SessionState } from '../../common/types.js';
import type { EmulatorHost } from '../emulator/emulator-host.js';
import { NativeRunRefused, runNatively } from '../native-run/native-run.js';
import type { ProbeService } from '../probes/probe-service.js';
import { ExperimentService } from './experiment-service.js';
import type { MeasureReply } from './measure-types.js';

type ExperimentCommand = 'experiments.list' | 'experiments.run' | 'experiments.cancel' | 'experiments.calibrate' | 'experiments.calibration' | 'native.run';
export type ExperimentHandlers = { [K in ExperimentCommand]: (args: CommandArgs<K>) => Promise<CommandResult<K>> };

export interface ExperimentHost {
  emulator: EmulatorHost;
  probes: ProbeService;
  emit: <E extends EventName>(event: E, payload: Events[E]) => void;
  readPref: (key: string) => Promise<string | undefined>;
  writePref: (key: string, value: string | undefined) => Promise<void>;
  /** Thrown for refusals the caller should see as such (bad input, unsupported host). */
  refuse: (code: 'bad-args' | 'not-available' | 'forbidden', message: string) => Error;
}

const CALIBRATION_KEY = 'calibration';
/** Instruction budget of one generated measurement program (they need well under 10 M). */
const MEASURE_BUDGET = 50_000_000;
/** Emulated instructions "Run natively" gives the emulator's side of the comparison. */
const EMULATED_BUDGET = 20_000_000;

/** Probe run ids for experiment halves: far above the renderer's (Date.now() % 1e9 and up). */
let nextProbeRunId = 2_000_000_000 + (Date.now() % 1_000_000_000);

export function createExperimentService(host: ExperimentHost): ExperimentService {
  return new ExperimentService({
    measure: async (req) => (await host.emulator.request({ type: 'call', op: 'experiment.measure', payload: req, budget: MEASURE_BUDGET })) as MeasureReply,
    probe: async (name: ProbeName, signal, onProgress) => {
      const runId = nextProbeRunId++;
      const onAbort = (): void => void host.probes.cancel(runId);
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        return (await host.probes.run(name, runId, undefined, (p) => onProgress(p.done, p.total))).report;
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    },
    latestProbe: async (name): Promise<ProbeReport | null> => (await host.probes.history()).find((h) => h.report.probe === name)?.report ?? null,
    storedProbe: async (runId) => (await host.probes.history()).find((h) => h.runId === runId)?.report ?? null,
    loadCalibration: async () => {
      const raw = await host.readPref(CALIBRATION_KEY);
      if (!raw) return null;
      try {
        return JSON.parse(raw) as CalibrationReport;
      } catch {
        return null;
      }
    },
    saveCalibration: (report) => host.writePref(CALIBRATION_KEY, report ? JSON.stringify(report) : undefined),
    now: () => new Date().toISOString(),
  });
}

/** The same source in the emulator (fresh machine, run to exit), for "Run natively"'s other column. */
async function runEmulated(host: ExperimentHost, source: string, stdin: string | undefined): Promise<BothWaysResult['emulated']> {
  const loaded = (await host.emulator.request({ type: 'call', op: 'machine.load', payload: { arch: 'x86_64', source, ...(stdin !== undefined ? { stdin } : {}) }, budget: 0 })) as LoadReply;
  if (!loaded.ok) throw host.refuse('bad-args', `the program does not assemble: ${loaded.errors.map((e) => `line ${e.line}, column ${e.column}: ${e.message}`).join('; ')}`);
  try {
    const s = (await host.emulator.request({ type: 'call', op: 'machine.run', payload: { sessionId: loaded.sessionId }, budget: EMULATED_BUDGET })) as SessionState;
    return { status: s.status, exit: s.exit, message: s.message, stdout: s.stdout, trace: s.trace, emulatedNs: s.view.stats.emulatedNs, instructions: s.view.stats.instructions };
  } finally {
    await host.emulator.request({ type: 'call', op: 'machine.close', payload: { sessionId: loaded.sessionId }, budget: 0 });
  }
}

export function experimentHandlers(host: ExperimentHost, service: ExperimentService): ExperimentHandlers {
  const guard = async <T>(body: () => Promise<T>): Promise<T> => {
    try {
      return await body();
    } catch (err) {
      if (err instanceof NativeRunRefused) throw host.refuse('not-available', err.message);
      throw err;
    }
  };
  return {
    'experiments.list': async () => service.list(),
    'experiments.run': async ({ id, runId, halves, params, table, nativeFrom }) => {
      const given: Record<string, number> = {};
      for (const p of params ?? []) given[p.name] = p.value;
      try {
        return await service.run(runId, { id, halves, params: given, ...(table ? { table } : {}), ...(nativeFrom !== undefined ? { nativeFrom } : {}) }, (p) => host.emit('experiments.progress', p));
      } catch (err) {
        // Unknown ids, out-of-range parameters, a run id in use: the caller's mistake.
        throw host.refuse('bad-args', err instanceof Error ? err.message : String(err));
      }
    },
    'experiments.cancel': async ({ runId }) => ({ cancelled: service.cancel(runId) }),
    'experiments.calibrate': ({ runId }) => service.calibrate(runId, (p) => host.emit('experiments.progress', p)),
    'experiments.calibration': async ({ reset }) => {
      if (reset) await service.resetCalibration();
      return service.calibration();
    },
    'native.run': ({ source, stdin, timeoutMs, confirmed }) =>
      guard(async () => {
        if (!confirmed) throw host.refuse('forbidden', 'native.run runs a program on this machine: it needs the user’s explicit confirmation');
        const emulated = await runEmulated(host, source, stdin);
        const native = await runNatively({ source, timeoutMs: timeoutMs ?? 5000, ...(stdin !== undefined ? { stdin } : {}) });
        return { native, emulated };
      }),
  };
}
