// EntryCtx hands handlers numbers computed from int32 halves; they must equal what the
// bigint path gives: sanitize() (the SYSCALL_DEFINE casts) and then Number(asIntN(64, ·)).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitize, type CType, type SysArg } from '../../../../core/kernel/syscall-table.js';
import { argNum, EntryCtx, RawArgs, type SysCtx } from '../../../../core/kernel/syscalls/context.js';
import type { Kernel } from '../../../../core/kernel/kernel.js';
import type { Task } from '../../../../core/kernel/task.js';

const TYPES: CType[] = ['int', 'uint', 'long', 'ulong', 'ptr'];
// A fake task: EntryCtx only reads task.proc and task.proc.mm.
const task = { proc: { mm: {} } } as unknown as Task;
const kernel = {} as Kernel;
const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const edge = fc.constantFrom(0n, 1n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, 0x7fffffffffffffffn, 0x8000000000000000n, 0xffffffffffffffffn, 0xffff800000000000n, 0x00007ffffffff000n);
const value = fc.oneof(u64, edge);

function ctxFor(values: bigint[], types: CType[], compat: boolean): EntryCtx {
  const raw = new RawArgs();
  values.forEach((v, i) => raw.set(i, v));
  const decl: SysArg[] = types.map((type, i) => ({ name: `a${i}`, type, kind: 'int' }));
  return new EntryCtx(kernel, task, 'x86_64', decl, raw, compat);
}

describe('EntryCtx', () => {
  it('numbers and bigints match sanitize() for every C type (fast-check, 500 cases)', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 6, maxLength: 6 }), fc.array(fc.constantFrom(...TYPES), { minLength: 0, maxLength: 6 }), fc.boolean(), (values, types, compat) => {
        const ctx = ctxFor(values, types, compat);
        const expected = types.map((t, i) => sanitize(compat ? BigInt.asUintN(32, values[i]!) : values[i]!, t));
        // What argNum gave before the fast path: through a plain object with bigint args.
        const plain: SysCtx = { k: kernel, task, proc: task.proc, mm: task.proc.mm, arch: 'x86_64', args: expected };
        for (let i = 0; i < 6; i++) expect(argNum(ctx, i)).toBe(argNum(plain, i));
        expect(ctx.args).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('copies out of RawArgs, so the caller may reuse it', () => {
    const raw = new RawArgs();
    raw.set(0, 42n);
    const ctx = new EntryCtx(kernel, task, 'x86_64', [{ name: 'fd', type: 'uint', kind: 'fd' }], raw, false);
    raw.set(0, 7n);
    expect(argNum(ctx, 0)).toBe(42);
    expect(ctx.args).toEqual([42n]);
  });

  it('a spread copy with new args reads the new args (sigsuspend re-dispatching poll does this)', () => {
    const ctx = ctxFor([5n, 6n, 0n, 0n, 0n, 0n], ['int', 'int'], false);
    const copy: SysCtx = { ...ctx, args: [9n, -1n] };
    expect(argNum(copy, 0)).toBe(9);
    expect(argNum(copy, 1)).toBe(-1);
  });

  it('RawArgs.big is the unsigned register value', () => {
    const raw = new RawArgs();
    raw.set(3, -1n);
    raw.set(4, 0x123456789abcdef0n);
    expect(raw.big(3)).toBe(0xffffffffffffffffn);
    expect(raw.big(4)).toBe(0x123456789abcdef0n);
  });
});
