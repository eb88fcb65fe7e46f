// The header of a conformance program: the `#` comment block at the top of each
// tests/conformance/x86_64/*.s file. Free text explains the program; `key: value`
// lines tell the runner how to run it and what the native run must show.
//
//   # stdin: first line\nsecond\n      bytes fed through a pipe (else stdin is /dev/null)
//   # args: alpha beta                  argv[1..], split on whitespace (no quoting)
//   # expect-stdout: Direct write call  exact stdout bytes (may be empty)
//   # expect-exit: 139                  exit status, 128+N when killed by signal N
//   # expect-trace: write(1, "x", 1) = 1   a line the normalized native trace contains (repeatable)
//   # requires: ia32-emulation          a host feature the native half needs
//
// Values use C escapes: \n \t \r \0 \\ \" and \xNN (one byte).

export type HostFeature = 'ia32-emulation';

export interface ProgramSpec {
  /** File name without `.s`. */
  name: string;
  /** The first header line: what the program demonstrates. */
  summary: string;
  /** Bytes for stdin, or null for /dev/null. */
  stdin: Uint8Array | null;
  args: string[];
  expectStdout: Uint8Array | null;
  expectExit: number | null;
  expectTrace: string[];
  requires: HostFeature[];
}

const HOST_FEATURES: readonly HostFeature[] = ['ia32-emulation'];
const KEYS = new Set(['stdin', 'args', 'expect-stdout', 'expect-exit', 'expect-trace', 'requires']);

/** Decode C escapes into bytes: literal text as UTF-8, `\xNN` as the raw byte. */
export function unescapeBytes(text: string): Uint8Array {
  const out: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch !== '\\') {
      out.push(...encoder.encode(ch));
      continue;
    }
    const next = text[++i];
    switch (next) {
      case 'n':
        out.push(10);
        break;
      case 't':
        out.push(9);
        break;
      case 'r':
        out.push(13);
        break;
      case '0':
        out.push(0);
        break;
      case '\\':
      case '"':
        out.push(next.charCodeAt(0));
        break;
      case 'x': {
        const hex = text.slice(i + 1, i + 3);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new Error(`bad \\x escape in ${JSON.stringify(text)}`);
        out.push(parseInt(hex, 16));
        i += 2;
        break;
      }
      default:
        throw new Error(`unknown escape \\${next ?? ''} in ${JSON.stringify(text)}`);
    }
  }
  return Uint8Array.from(out);
}

/** Parse the leading `#` block of a program. Unknown `key:` lines are errors, so typos surface. */
export function parseProgramHeader(name: string, source: string): ProgramSpec {
  const spec: ProgramSpec = { name, summary: '', stdin: null, args: [], expectStdout: null, expectExit: null, expectTrace: [], requires: [] };
  for (const line of source.split('\n')) {
    if (!line.startsWith('#')) break;
    const body = line.slice(1).trim();
    const m = /^([a-z][a-z-]*):(?: (.*))?$/.exec(body);
    if (!m || !KEYS.has(m[1] as string)) {
      if (spec.summary === '' && body !== '') spec.summary = body;
      continue;
    }
    const key = m[1] as string;
    const value = m[2] ?? '';
    switch (key) {
      case 'stdin':
        spec.stdin = unescapeBytes(value);
        break;
      case 'args':
        spec.args = value.split(/\s+/).filter((a) => a !== '');
        break;
      case 'expect-stdout':
        spec.expectStdout = unescapeBytes(value);
        break;
      case 'expect-exit': {
        const n = Number(value);
        if (!/^\d+$/.test(value) || n > 255) throw new Error(`${name}: expect-exit must be 0..255, got ${JSON.stringify(value)}`);
        spec.expectExit = n;
        break;
      }
      case 'expect-trace':
        if (value === '') throw new Error(`${name}: empty expect-trace`);
        spec.expectTrace.push(value);
        break;
      case 'requires': {
        const feature = HOST_FEATURES.find((f) => f === value);
        if (!feature) throw new Error(`${name}: unknown requirement ${JSON.stringify(value)}`);
        spec.requires.push(feature);
        break;
      }
    }
  }
  return spec;
}
