// Loads and stores in every addressing mode against qemu-aarch64: loaded value
// (with sign/zero extension), memory after stores, and base-register writeback.
import { describe, expect, it } from 'vitest';
import { buildAndRunQemu, rng } from './gnu-tools.js';
import { diffOutputs, harnessSource, type HarnessCase } from './harness.js';
import { runFlat } from './flat-runner.js';

const LOAD = 0x100000;

const LOADS: [string, string, number][] = [
  // mnemonic, destination register, access size log2
  ['ldrb', 'w0', 0], ['ldrsb', 'w0', 0], ['ldrsb', 'x0', 0], ['ldrh', 'w0', 1], ['ldrsh', 'w0', 1], ['ldrsh', 'x0', 1],
  ['ldr', 'w0', 2], ['ldrsw', 'x0', 2], ['ldr', 'x0', 3],
];
const STORES: [string, string, number][] = [['strb', 'w4', 0], ['strh', 'w4', 1], ['str', 'w4', 2], ['str', 'x4', 3]];

// After a store, fold the 24 bytes around the base into x0.
const SNAPSHOT = 'ldur x0, [x6, #-8]\nldur x7, [x6]\nror x7, x7, #13\neor x0, x0, x7\nldur x7, [x6, #8]\nror x7, x7, #29\neor x0, x0, x7';

function unscaled(mn: string): string {
  return mn.replace(/^(ld|st)r/, '$1ur');
}

function makeCases(seed: number, per: number): HarnessCase[] {
  const r = rng(seed);
  const out: HarnessCase[] = [];
  const add = (body: string, b: bigint, label: string): void => {
    out.push({ body, a: 0n, b, c: (BigInt(r()) << 32n) | BigInt(r()), flags: 0, label, second: 'x1' });
  };
  const base = (off: number): string => `adr x1, buf\nadd x1, x1, #${off}\nmov x6, x1`;
  for (let i = 0; i < per; i++) {
    const imm9 = (r() % 512) - 256;
    const baseOff = 2048 + (r() % 2048);
    for (const [mn, rt, sz] of [...LOADS, ...STORES]) {
      const isStore = mn.startsWith('st');
      const tail = isStore ? '\n' + SNAPSHOT : '';
      const uoff = (r() % 256) << sz;
      add(`${base(baseOff)}\n${mn} ${rt}, [x1, #${uoff}]${tail}`, 0n, `${mn} ${rt} uimm #${uoff}`);
      add(`${base(baseOff)}\n${unscaled(mn)} ${rt}, [x1, #${imm9}]${tail}`, 0n, `${unscaled(mn)} ${rt} #${imm9}`);
      add(`${base(baseOff)}\n${mn} ${rt}, [x1, #${imm9}]!${tail}`, 0n, `${mn} ${rt} pre #${imm9}`);
      const unpriv = mn.replace(/^(st|ld)r/, '$1tr');
      add(`${base(baseOff)}\n${unpriv} ${rt}, [x1, #${imm9}]${tail}`, 0n, `${unpriv} ${rt} #${imm9} (EL0)`);
      add(`${base(baseOff)}\n${mn} ${rt}, [x1], #${imm9}${tail}`, 0n, `${mn} ${rt} post #${imm9}`);
      const idx = BigInt((r() % 128) - 64);
      const shift = r() % 2 ? ` #${sz}` : '';
      add(`${base(baseOff)}\n${mn} ${rt}, [x1, x2${shift ? `, lsl${shift}` : ''}]${tail}`, idx, `${mn} ${rt} [x1, x2 lsl${shift}]`);
      add(`${base(baseOff)}\n${mn} ${rt}, [x1, w2, sxtw${shift}]${tail}`, idx | 0xabcdef0100000000n, `${mn} ${rt} sxtw${shift}`);
      add(`${base(baseOff)}\n${mn} ${rt}, [x1, w2, uxtw${shift}]${tail}`, BigInt(r() % 64) | 0x1234567800000000n, `${mn} ${rt} uxtw${shift}`);
      add(`${base(baseOff)}\n${mn} ${rt}, [x1, x2, sxtx${shift}]${tail}`, idx, `${mn} ${rt} sxtx${shift}`);
    }
    for (const [w, sz] of [['w', 4], ['x', 8]] as const) {
      const off = ((r() % 64) - 32) * sz;
      for (const form of [`[x1, #${off}]`, `[x1, #${off}]!`, `[x1], #${off}`]) {
        add(`${base(baseOff)}\nldp ${w}0, ${w}3, [x1]\nldp ${w}0, ${w}5, ${form}\neor x0, x0, x5, ror #7`, 0n, `ldp ${w} ${form}`);
        add(`${base(baseOff)}\nstp ${w}4, ${w}2, ${form}\n${SNAPSHOT}`, BigInt(r()), `stp ${w} ${form}`);
      }
      if (w === 'w') add(`${base(baseOff)}\nldpsw x0, x5, [x1, #${off}]\neor x0, x0, x5, ror #7`, 0n, `ldpsw #${off}`);
    }
    const eoff = (r() % 256) * 8 + 1024;
    add(`${base(eoff)}\nldxr x0, [x1]\nadd x0, x0, x4\nstxr w3, x0, [x1]\nldr x0, [x1]\nmov x1, x3`, 0n, 'ldxr/add/stxr succeeds');
    add(`${base(eoff)}\nldaxr w0, [x1]\nclrex\nstlxr w3, w4, [x1]\nldr x0, [x1]\nmov x1, x3`, 0n, 'clrex makes stlxr fail');
    add(`${base(eoff)}\nstxr w3, x4, [x1]\nldr x0, [x1]\nmov x1, x3`, 0n, 'stxr without ldxr fails');
    add(`${base(eoff)}\nldxrb w0, [x1]\nstxrb w3, w4, [x1]\nldxrh w5, [x1]\nstxrh w6, w2, [x1]\nadd x3, x3, x6\nldr x0, [x1]\nmov x1, x3`, BigInt(r()), 'byte/half exclusives');
    add(`${base(eoff)}\nstlr x4, [x1]\nldar w0, [x1]\nstlrh w2, [x1, #0]\nldarb w5, [x1]\nadd x0, x0, x5`, BigInt(r()), 'ldar/stlr');
    add('ldr x0, buf', 0n, 'ldr x literal');
    add('ldr w0, buf+4', 0n, 'ldr w literal');
    add('ldrsw x0, buf+12', 0n, 'ldrsw literal');
  }
  return out;
}

function bufData(seed: number): string {
  const r = rng(seed);
  const lines = ['.p2align 4', 'buf:'];
  for (let i = 0; i < 8192; i += 16) {
    const bytes: string[] = [];
    for (let j = 0; j < 16; j++) bytes.push('0x' + (r() & 0xff).toString(16));
    lines.push('\t.byte ' + bytes.join(', '));
  }
  return lines.join('\n');
}

describe('arm64 loads/stores vs qemu-aarch64', () => {
  it('matches loaded values, stored bytes and writeback for every addressing mode', () => {
    const all = makeCases(77, 30);
    expect(all.length).toBeGreaterThan(3000);
    const src = harnessSource(all, bufData(5));
    const { image, qemuStdout } = buildAndRunQemu(src, LOAD);
    const ours = runFlat(image, LOAD);
    expect(ours.exitCode).toBe(0);
    expect(qemuStdout.length).toBe(all.length * 16);
    expect(diffOutputs(all, qemuStdout, ours.stdout).slice(0, 25)).toEqual([]);
  });
});
