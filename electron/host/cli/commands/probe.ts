// `syscall-lab probe`: list the native probes, run one, or build them.

import { ensureProbesBuilt, formatReport, listProbes, runProbe, type RunProbeOptions } from '../../probes/index.js';
import { intFlag, parseFlags, type ParsedArgs } from '../args.js';
import { UsageError, type CliCommand, type CliIo } from '../command.js';

const USAGE = `usage: syscall-lab probe list [--json]
       syscall-lab probe run NAME [--json] [--timeout S] [--repeats K] [--min-ms MS] [--runs N] [--fallback]
       syscall-lab probe build [--json]

Runs a native C probe on this machine (built with the host C compiler into
$XDG_CACHE_HOME/syscall-lab/probes/, or $SYSCALL_LAB_CACHE/probes/) in its own
process group; on timeout or Ctrl-C the whole group is killed. Without a C
compiler a Node-level fallback runs instead and reports kind "fallback".

  --json        print one JSON object: {host, kind, probe, results}
  --timeout S   give up after S seconds (default 120)
  --repeats K   repeats per timing, median and p10/p90 over them (default 11, min 7)
  --min-ms MS   calibrate iterations so one repeat lasts MS ms (default 10)
  --runs N      executions of the maps probe for aslr (default 20)
  --fallback    run the Node fallback set even when native probes are available`;

function positiveNumber(parsed: ParsedArgs, name: string): number | undefined {
  const raw = parsed.flags.get(name);
  if (raw === undefined) return undefined;
  const n = typeof raw === 'string' ? Number(raw) : NaN;
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number`);
  return n;
}

async function runCommand(name: string, parsed: ParsedArgs, io: CliIo): Promise<number> {
  const json = parsed.flags.get('json') === true;
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  const opts: RunProbeOptions = {
    signal: controller.signal,
    build: { env: io.env, ...(parsed.flags.get('fallback') === true ? { compiler: null, prebuilt: false } : {}) },
  };
  const timeout = positiveNumber(parsed, 'timeout');
  if (timeout !== undefined) opts.timeoutMs = timeout * 1000;
  const repeats = intFlag(parsed, 'repeats', 7, 255);
  if (repeats !== undefined) opts.repeats = repeats;
  const minMs = positiveNumber(parsed, 'min-ms');
  if (minMs !== undefined) opts.minRepeatMs = minMs;
  const runs = intFlag(parsed, 'runs', 2, 1000);
  if (runs !== undefined) opts.aslrRuns = runs;
  if (!json) opts.onProgress = (p) => io.stderr(`${p.probe}: ${p.done}/${p.total}\n`);
  try {
    const report = await runProbe(name, opts);
    io.stdout(json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    if (report.error) {
      if (json) io.stderr(`syscall-lab probe: ${report.error}\n`);
      // 128 + SIGINT, as a shell reports a command stopped by Ctrl-C.
      return report.error === 'cancelled' ? 130 : 1;
    }
    return 0;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

export const probeCommand: CliCommand = {
  name: 'probe',
  summary: 'measure the host kernel with native probes',
  usage: USAGE,
  async run(argv, io) {
    const parsed = parseFlags(argv, { values: ['timeout', 'repeats', 'min-ms', 'runs'], booleans: ['json', 'fallback'] });
    if (parsed.flags.get('help') === true) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const [sub, name, ...extra] = parsed.positionals;
    const json = parsed.flags.get('json') === true;
    if (sub === 'list') {
      if (name !== undefined) throw new UsageError(`unexpected argument '${name}'`);
      const probes = listProbes();
      if (json) io.stdout(`${JSON.stringify(probes, null, 2)}\n`);
      else {
        const width = Math.max(...probes.map((p) => p.name.length));
        io.stdout(`${probes.map((p) => `${p.name.padEnd(width)}  ${p.summary}`).join('\n')}\n`);
      }
      return 0;
    }
    if (sub === 'build') {
      const build = await ensureProbesBuilt({ env: io.env, ...(parsed.flags.get('fallback') === true ? { compiler: null, prebuilt: false } : {}) });
      if (json) io.stdout(`${JSON.stringify(build, null, 2)}\n`);
      else if (build.kind === 'native') io.stdout(`native probes ${build.built ? 'built' : 'up to date'}: ${build.binary}${build.compiler ? ` (${build.compiler})` : ''}\n`);
      else io.stdout(`no native probes; the Node fallback set will run: ${build.reason ?? ''}\n`);
      return build.kind === 'native' ? 0 : 1;
    }
    if (sub === 'run') {
      if (name === undefined) throw new UsageError('probe run needs a probe NAME (see: syscall-lab probe list)');
      if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
      if (!listProbes().some((p) => p.name === name)) throw new UsageError(`unknown probe '${name}' (see: syscall-lab probe list)`);
      return runCommand(name, parsed, io);
    }
    throw new UsageError(sub === undefined ? 'missing subcommand (list, run or build)' : `unknown subcommand '${sub}'`);
  },
};
