// Runs a fallback probe in a child Node process (never in the caller's event
// loop, so the same timeout / process-group kill applies as for native ones).

import { fallbackProbeMain } from './fallback-script.js';
import { runChild, type ChildRunOptions, type ChildRunResult } from './process-runner.js';

/** The child's program: the probe function's own source plus its inputs. */
export function fallbackSource(name: string, repeats: number, minRepeatMs: number): string {
  // Transpilers may wrap nested functions in __name(fn, "name") (esbuild keepNames): give it a no-op.
  return [
    'const __name = (f) => f;',
    `const main = ${fallbackProbeMain.toString()};`,
    `main({ fs: require('node:fs'), cp: require('node:child_process'), wt: require('node:worker_threads') }, ${JSON.stringify(name)}, ${repeats}, ${minRepeatMs})`,
    '  .catch((e) => { process.stderr.write(String(e && e.stack || e) + "\\n"); process.exit(1); });',
  ].join('\n');
}

export function runFallbackChild(name: string, repeats: number, minRepeatMs: number, opts: ChildRunOptions): Promise<ChildRunResult> {
  const env = { ...(opts.env ?? process.env), ELECTRON_RUN_AS_NODE: '1' };
  return runChild(process.execPath, ['-e', fallbackSource(name, repeats, minRepeatMs)], { ...opts, env });
}
