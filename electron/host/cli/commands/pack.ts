// `syscall-lab pack`: validate, build, grade, import lab packs, and export progress.
// Grading runs the submission through the emulator's LabRunner; until that
// exists the command says so and exits 2 rather than inventing results.

import { readFile, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Arch } from '../../../../core/trace/events.js';
import { gradeSubmission } from '../../packs/grade.js';
import type { GradeResults } from '../../packs/grade.js';
import type { LabRunner, ProbeReport } from '../../packs/lab-runner.js';
import { buildPack } from '../../packs/pack-build.js';
import { importPack, readPackSource } from '../../packs/pack-import.js';
import { instantiateLab } from '../../packs/lab-instance.js';
import { formatIssue, hasErrors, PackError } from '../../packs/pack-issue.js';
import type { PackIssue } from '../../packs/pack-issue.js';
import { loadPack } from '../../packs/pack-load.js';
import { appVersion, defaultUserDataDir } from '../../paths.js';
import { exportProgress } from '../../progress/progress-export.js';
import { readStudentSeed } from '../../prefs-file.js';
import { parseFlags } from '../args.js';
import type { ParsedArgs } from '../args.js';
import { UsageError } from '../command.js';
import type { CliCommand, CliIo } from '../command.js';

const USAGE = `usage: syscall-lab pack validate DIR|FILE.labpack [--json]
       syscall-lab pack build DIR -o FILE.labpack
       syscall-lab pack grade PACK --lab ID --submission FILE [--arch x86_64|arm64] [--stdin FILE]
                              [--seed S] [--probes REPORT.json[,REPORT.json...]] [--json] [-o results.json]
       syscall-lab pack starter PACK --lab ID [--arch x86_64|arm64] [--seed S]
       syscall-lab pack import DIR|FILE.labpack [--user-data DIR]
       syscall-lab pack export-progress PACK_ID [--user-data DIR]

validate  check a pack against the format; findings print as FILE:LINE: FIELD: MESSAGE
build     validate a pack folder and zip it into a .labpack
grade     run a submission in the emulator and grade it; --json prints PrairieLearn's
          results.json ({gradable, score, tests[]}); --seed picks the student's variant;
          --probes adds native probe reports (syscall-lab probe run NAME --json) for probe checks
starter   print the starter code one student (--seed) gets, params filled in
import    validate and install into <user data>/packs/<id>/<version>/
export-progress  print every lab's saved progress for a pack as JSON (for instructors)

Exit status: 0 ok, 1 invalid pack or failed run, 2 usage error or grading unavailable.`;

export const EMULATOR_MISSING = 'grading needs the emulator, which is not built yet';

export interface PackCommandDeps {
  /** Returns the emulator's runner, or null when the emulator is not available. */
  loadRunner?: () => Promise<LabRunner | null>;
  appVersion?: () => string;
  userDataDir?: () => string;
}

/** Loads electron/host/emulator/lab-runner.js if it exists and exports createLabRunner(). */
export async function loadEmulatorRunner(): Promise<LabRunner | null> {
  let mod: unknown;
  try {
    mod = await import(new URL('../../emulator/lab-runner.js', import.meta.url).href);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module|Failed to load url|does not exist/i.test((e as Error).message)) return null;
    throw e;
  }
  const create = (mod as { createLabRunner?: unknown }).createLabRunner;
  if (typeof create !== 'function') return null;
  return (await (create as () => LabRunner | Promise<LabRunner>)()) ?? null;
}

export function createPackCommand(deps: PackCommandDeps = {}): CliCommand {
  const version = deps.appVersion ?? appVersion;
  const userData = deps.userDataDir ?? defaultUserDataDir;
  const runnerLoader = deps.loadRunner ?? loadEmulatorRunner;
  return {
    name: 'pack',
    summary: 'validate, build, grade and import lab packs',
    usage: USAGE,
    async run(argv, io) {
      const [sub, ...rest] = argv;
      // `-o` is the conventional short form; the shared parser only knows long flags.
      const args = rest.map((a) => (a === '-o' ? '--output' : a));
      switch (sub) {
        case 'validate':
          return validate(parseFlags(args, { booleans: ['json'] }), io, version());
        case 'build':
          return build(parseFlags(args, { values: ['output'] }), io, version());
        case 'grade':
          return grade(parseFlags(args, { values: ['lab', 'submission', 'arch', 'seed', 'probes', 'output', 'stdin'], booleans: ['json'] }), io, version(), runnerLoader);
        case 'starter':
          return starterCmd(parseFlags(args, { values: ['lab', 'arch', 'seed'] }), io, version());
        case 'import':
          return importCmd(parseFlags(args, { values: ['user-data'] }), io, version(), userData);
        case 'export-progress':
          return exportCmd(parseFlags(args, { values: ['user-data'] }), io, userData);
        case undefined:
          throw new UsageError('missing subcommand');
        default:
          throw new UsageError(`unknown subcommand '${sub}'`);
      }
    },
  };
}

export const packCommand: CliCommand = createPackCommand();

function onePositional(parsed: ParsedArgs, what: string): string {
  if (parsed.positionals.length !== 1) throw new UsageError(`expected exactly one ${what}`);
  return parsed.positionals[0] as string;
}

function stringFlag(parsed: ParsedArgs, name: string, required: true): string;
function stringFlag(parsed: ParsedArgs, name: string, required?: false): string | undefined;
function stringFlag(parsed: ParsedArgs, name: string, required = false): string | undefined {
  const v = parsed.flags.get(name);
  if (v === undefined && required) throw new UsageError(`--${name} is required`);
  return typeof v === 'string' ? v : undefined;
}

function printIssues(issues: PackIssue[], io: CliIo): void {
  for (const i of issues) (i.severity === 'error' ? io.stderr : io.stdout)(`${formatIssue(i)}\n`);
}

function summary(issues: PackIssue[]): string {
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

async function validate(parsed: ParsedArgs, io: CliIo, version: string): Promise<number> {
  const target = resolve(io.cwd, onePositional(parsed, 'pack folder or .labpack file'));
  let issues: PackIssue[];
  let id: string | null = null;
  try {
    const result = loadPack(await readPackSource(target), { appVersion: version });
    issues = result.issues;
    id = result.pack ? `${result.pack.manifest.id} ${result.pack.manifest.version}` : null;
  } catch (e) {
    if (!(e instanceof PackError)) throw e;
    issues = [{ severity: 'error', file: basename(target), line: 0, field: '', message: e.message }];
  }
  if (parsed.flags.get('json') === true) {
    io.stdout(`${JSON.stringify({ valid: !hasErrors(issues), issues }, null, 2)}\n`);
  } else {
    printIssues(issues, io);
    io.stdout(hasErrors(issues) ? `invalid: ${summary(issues)}\n` : `ok: ${id ?? ''} (${summary(issues)})\n`);
  }
  return hasErrors(issues) ? 1 : 0;
}

async function build(parsed: ParsedArgs, io: CliIo, version: string): Promise<number> {
  const dir = resolve(io.cwd, onePositional(parsed, 'pack folder'));
  const out = resolve(io.cwd, stringFlag(parsed, 'output', true));
  try {
    const result = await buildPack(dir, out, { appVersion: version });
    printIssues(result.warnings, io);
    io.stdout(`built ${out}: ${result.manifest.id} ${result.manifest.version}, ${result.files} files, ${result.bytes} bytes\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof PackError)) throw e;
    if (e.issues.length) printIssues(e.issues, io);
    else io.stderr(`${e.message}\n`);
    return 1;
  }
}

async function readProbes(list: string | undefined, cwd: string): Promise<ProbeReport[]> {
  if (!list) return [];
  const out: ProbeReport[] = [];
  for (const file of list.split(',')) {
    const json = JSON.parse(await readFile(resolve(cwd, file), 'utf8')) as unknown;
    for (const r of Array.isArray(json) ? json : [json]) {
      if (!r || typeof r !== 'object' || !Array.isArray((r as { results?: unknown }).results)) {
        throw new UsageError(`${file}: not a probe report (expected the output of 'syscall-lab probe run NAME --json')`);
      }
      out.push(r as ProbeReport);
    }
  }
  return out;
}

async function grade(parsed: ParsedArgs, io: CliIo, version: string, loadRunner: () => Promise<LabRunner | null>): Promise<number> {
  const packPath = resolve(io.cwd, onePositional(parsed, 'pack folder or .labpack file'));
  const labId = stringFlag(parsed, 'lab', true);
  const submissionPath = resolve(io.cwd, stringFlag(parsed, 'submission', true));
  const arch = stringFlag(parsed, 'arch');
  if (arch !== undefined && arch !== 'x86_64' && arch !== 'arm64') throw new UsageError('--arch must be x86_64 or arm64');
  const seed = stringFlag(parsed, 'seed') ?? '0';
  const probes = await readProbes(stringFlag(parsed, 'probes'), io.cwd);

  const { pack, issues } = loadPack(await readPackSource(packPath), { appVersion: version });
  if (!pack) {
    printIssues(issues, io);
    return 1;
  }
  const runner = await loadRunner();
  if (!runner) {
    io.stderr(`syscall-lab pack: ${EMULATOR_MISSING}\n`);
    return 2;
  }
  const source = await readFile(submissionPath, 'utf8');
  const stdinPath = stringFlag(parsed, 'stdin');
  const stdin = stdinPath === undefined ? undefined : await readFile(resolve(io.cwd, stdinPath), 'utf8');
  const results = await gradeSubmission({
    pack,
    labId,
    seed,
    runner,
    probes,
    submission: { source, fileName: basename(submissionPath), ...(arch ? { arch: arch as Arch } : {}), ...(stdin !== undefined ? { stdin } : {}) },
  });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const output = stringFlag(parsed, 'output');
  if (output) await writeFile(resolve(io.cwd, output), json);
  io.stdout(parsed.flags.get('json') === true ? json : formatResults(results));
  return results.gradable ? 0 : 1;
}

export function formatResults(results: GradeResults): string {
  if (!results.gradable) return `not gradable: ${results.message ?? ''}\n`;
  const lines = results.tests.map((t) => {
    const mark = t.points === t.max_points ? 'pass' : 'FAIL';
    const out = t.output ? `\n${t.output.replace(/^/gm, '      | ')}` : '';
    return `${mark}  ${t.points}/${t.max_points}  ${t.name}: ${t.message}${out}`;
  });
  const got = results.tests.reduce((s, t) => s + t.points, 0);
  const max = results.tests.reduce((s, t) => s + t.max_points, 0);
  const end = results.message ? `${results.message}\n` : '';
  const stderr = results.output ? `stderr:\n${results.output.replace(/^/gm, '  | ')}\n` : '';
  return `${end}${stderr}${lines.join('\n')}\nscore: ${got}/${max} (${(results.score * 100).toFixed(0)}%)\n`;
}

async function importCmd(parsed: ParsedArgs, io: CliIo, version: string, userData: () => string): Promise<number> {
  const source = resolve(io.cwd, onePositional(parsed, 'pack folder or .labpack file'));
  const dir = stringFlag(parsed, 'user-data') ?? userData();
  try {
    const result = await importPack(source, resolve(io.cwd, dir), { appVersion: version });
    printIssues(result.warnings, io);
    io.stdout(`installed ${result.id} ${result.version} into ${result.installDir}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof PackError)) throw e;
    io.stderr(`${e.message}\n`);
    return 1;
  }
}

async function exportCmd(parsed: ParsedArgs, io: CliIo, userData: () => string): Promise<number> {
  const packId = onePositional(parsed, 'pack id');
  const dir = stringFlag(parsed, 'user-data') ?? userData();
  const userDataDir = resolve(io.cwd, dir);
  io.stdout(await exportProgress(userDataDir, packId, { seed: await readStudentSeed(userDataDir) }));
  return 0;
}

async function starterCmd(parsed: ParsedArgs, io: CliIo, version: string): Promise<number> {
  const packPath = resolve(io.cwd, onePositional(parsed, 'pack folder or .labpack file'));
  const labId = stringFlag(parsed, 'lab', true);
  const files = await readPackSource(packPath);
  const { pack, issues } = loadPack(files, { appVersion: version });
  if (!pack) {
    printIssues(issues, io);
    return 1;
  }
  const lab = pack.labs.find((l) => l.id === labId);
  if (!lab) throw new UsageError(`no lab '${labId}' in ${pack.manifest.id} (labs: ${pack.labs.map((l) => l.id).join(', ')})`);
  const arch = stringFlag(parsed, 'arch') ?? lab.def.architectures[0];
  const starter = instantiateLab(files, lab, stringFlag(parsed, 'seed') ?? '0').starters.find((s) => s.arch === arch);
  if (!starter) {
    io.stderr(`syscall-lab pack: lab '${labId}' has no ${String(arch)} starter\n`);
    return 1;
  }
  io.stdout(starter.source);
  return 0;
}
