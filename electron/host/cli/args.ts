// A small flag parser shared by the subcommands: `--flag`, `--key value`, `--key=value`,
// and `--` to end flags. Unknown flags are usage errors (exit 2), never ignored.

import { UsageError } from './command.js';

export interface FlagSpec {
  /** Flags that take a value. */
  values?: string[];
  /** Flags that are booleans. */
  booleans?: string[];
  /** Stop at the first positional argument (the rest belong to a guest program). */
  stopAtPositional?: boolean;
}

export interface ParsedArgs {
  flags: Map<string, string | true>;
  positionals: string[];
}

export function parseFlags(argv: string[], spec: FlagSpec): ParsedArgs {
  const values = new Set(spec.values ?? []);
  const booleans = new Set([...(spec.booleans ?? []), 'help']);
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      flags.set('help', true);
      continue;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      if (values.has(name)) {
        const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
        if (value === undefined) throw new UsageError(`option --${name} needs a value`);
        flags.set(name, value);
      } else if (booleans.has(name) && eq === -1) {
        flags.set(name, true);
      } else {
        throw new UsageError(`unknown option '--${name}'`);
      }
      continue;
    }
    if (/^-[a-zA-Z]$/.test(arg) && (values.has(arg.slice(1)) || booleans.has(arg.slice(1)))) {
      // Single-letter options (`-o OUT`) are spelled with one dash, as cc and as do.
      const name = arg.slice(1);
      if (values.has(name)) {
        const value = argv[++i];
        if (value === undefined) throw new UsageError(`option -${name} needs a value`);
        flags.set(name, value);
      } else flags.set(name, true);
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
    positionals.push(arg);
    if (spec.stopAtPositional) {
      positionals.push(...argv.slice(i + 1));
      break;
    }
  }
  return { flags, positionals };
}

export function intFlag(parsed: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const raw = parsed.flags.get(name);
  if (raw === undefined) return undefined;
  const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
  return n;
}
