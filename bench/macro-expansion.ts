// What macros cost the assembler: the same program written with a `print`
// macro called N times and written out by hand, assembled best-of-5 each; CPU
// time (process.cpuUsage, this process only: the machine is shared, so wall
// time is noisier). Prints figures and their ratio; never asserts.
// Run: npm run build:node && node dist/bench/macro-expansion.js

import { assembleX86 } from '../core/arch/x86_64/assembler/x86-backend.js';

const BODY = ['  mov eax, 1', '  mov edi, 1', '  lea rsi, [rip + MSG]', '  mov edx, LEN', '  syscall'];

function withMacros(calls: number): string {
  const def = ['.macro print msg, len', ...BODY.map((l) => l.replace('MSG', '\\msg').replace('LEN', '\\len')), '.endm'];
  const uses = Array.from({ length: calls }, () => '  print msg, 3');
  return ['.intel_syntax noprefix', ...def, ...uses, '.data', 'msg: .ascii "hi\\n"'].join('\n');
}

function byHand(calls: number): string {
  const uses = Array.from({ length: calls }, () => BODY.map((l) => l.replace('MSG', 'msg').replace('LEN', '3')).join('\n'));
  return ['.intel_syntax noprefix', ...uses, '.data', 'msg: .ascii "hi\\n"'].join('\n');
}

function cpuMs(src: string): number {
  let best = Infinity;
  for (let k = 0; k < 5; k++) {
    const t0 = process.cpuUsage();
    const r = assembleX86(src);
    const t = process.cpuUsage(t0);
    if (!r.ok) throw new Error(r.errors[0]?.message);
    best = Math.min(best, (t.user + t.system) / 1000);
  }
  return best;
}

for (const calls of [100, 1000, 10000]) {
  const m = cpuMs(withMacros(calls));
  const h = cpuMs(byHand(calls));
  console.log(`${String(calls).padStart(6)} calls (${calls * BODY.length} instructions): macros ${m.toFixed(1)} ms, by hand ${h.toFixed(1)} ms, ratio ${(m / h).toFixed(2)}`);
}
