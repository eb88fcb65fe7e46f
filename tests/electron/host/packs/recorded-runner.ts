// A hand-written LabRunner for tests: returns a recorded outcome and remembers
// what it was asked to run.

import type { RunEvent } from '../../../../core/trace/events.js';
import type { LabRunRequest, ProbeReport, RunOutcome } from '../../../../electron/host/packs/lab-runner.js';

export class RecordedRunner {
  readonly requests: LabRunRequest[] = [];
  constructor(private readonly outcome: RunOutcome | Error) {}

  readonly run = async (req: LabRunRequest): Promise<RunOutcome> => {
    this.requests.push(req);
    if (this.outcome instanceof Error) throw this.outcome;
    return this.outcome;
  };
}

export function syscallEvent(name: string, args: (number | string)[], ret: number, extra: Partial<RunEvent & { type: 'syscall' }> = {}): RunEvent {
  const errno = ret < 0 ? (extra.errno ?? 'EINTR') : null;
  return {
    type: 'syscall',
    pid: 1,
    tid: 1,
    arch: 'x86_64',
    via: 'syscall',
    nr: 0,
    name,
    args: args.map(String),
    ret,
    errno,
    line: `${name}(${args.join(', ')}) = ${ret}${errno ? ` ${errno}` : ''}`,
    entryRegs: {},
    interrupted: ret < 0,
    restarted: false,
    cycles: 100,
    ...extra,
  } as RunEvent;
}

export function signalEvent(name: string, signo: number): RunEvent {
  return { type: 'signal', pid: 1, tid: 1, signo, name, code: 'SI_KERNEL', addr: null, disposition: 'handler', line: `--- ${name} {si_signo=${name}} ---` };
}

export function exitEvent(status: number): RunEvent {
  return { type: 'exit', pid: 1, status, signal: null, line: `+++ exited with ${status} +++` };
}

/** A native probe report in the shape `syscall-lab probe run NAME --json` prints. */
export function probeReport(results: ProbeReport['results'], kind: ProbeReport['kind'] = 'native'): ProbeReport {
  return {
    host: {
      platform: 'linux',
      arch: 'x64',
      cpuModel: 'test cpu',
      cores: 1,
      kernelRelease: '6.1.0',
      kernelVersion: '#1 SMP',
      clocksource: 'tsc',
      mitigations: {},
      loadAverage: [0, 0, 0],
      compiler: 'gcc',
    },
    kind,
    probe: 'vdso-clock',
    results,
  };
}

export function timing(op: string, median_ns: number): ProbeReport['results'][number] {
  return { op, median_ns, p10_ns: median_ns, p90_ns: median_ns, iterations: 1000 };
}
