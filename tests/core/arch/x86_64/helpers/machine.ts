// A small guest set-up for CPU tests: physical memory, one address space, helpers to
// map pages and place code. Real page tables, no shortcuts, so tests exercise the MMU.

import { PhysicalMemory } from '../../../../../core/mm/phys-memory.js';
import { mapPage, newPml4 } from '../../../../../core/mm/x86-64/page-table.js';
import { X86Cpu } from '../../../../../core/arch/x86_64/cpu.js';

export const CODE = 0x400000;
export const DATA = 0x600000;
export const STACK_TOP = 0x7ff000;

export interface TestMachine {
  mem: PhysicalMemory;
  cpu: X86Cpu;
  map(va: number, len: number, flags?: { writable?: boolean; user?: boolean; noExec?: boolean }): void;
  write(va: number, bytes: Uint8Array): void;
  read(va: number, len: number): Uint8Array;
}

export function makeMachine(user = false): TestMachine {
  const mem = new PhysicalMemory(64 * 1024 * 1024, 1024 * 1024);
  const cpu = new X86Cpu(mem);
  cpu.cr3 = newPml4(mem);
  const m: TestMachine = {
    mem,
    cpu,
    map(va, len, flags = { writable: true, user }) {
      for (let a = va - (((va % 4096) + 4096) % 4096); a < va + len; a += 4096) {
        mapPage(mem, cpu.cr3, a, mem.allocFrame(), flags);
      }
      cpu.flushTlb();
    },
    write(va, bytes) {
      const r = cpu.mmu.writeVirt(va, bytes, false);
      if (typeof r !== 'number') throw new Error(`write fault at ${va.toString(16)}`);
    },
    read(va, len) {
      const r = cpu.mmu.readVirt(va, len, false);
      if (!(r instanceof Uint8Array)) throw new Error(`read fault at ${va.toString(16)}`);
      return r;
    },
  };
  m.map(CODE, 0x10000, { writable: true, user });
  m.map(DATA, 0x10000, { writable: true, user, noExec: true });
  m.map(STACK_TOP - 0x10000, 0x10000, { writable: true, user, noExec: true });
  cpu.setRegNum(4, STACK_TOP);
  cpu.rip = CODE;
  if (user) {
    cpu.cs = 0x33;
    cpu.ss = 0x2b;
  }
  return m;
}

/** Place code at CODE, ending with hlt (a supervisor guest) so run() stops. */
export function loadCode(m: TestMachine, code: Uint8Array, at = CODE): void {
  m.write(at, code);
  m.cpu.rip = at;
}
