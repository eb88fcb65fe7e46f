// A CPU exception raised while executing an instruction. Memory helpers throw it so
// a handler can abandon the instruction at any point; X86Cpu.run() catches it and
// delivers it through the IDT. It never escapes run()/step().

export const VEC_DE = 0;
export const VEC_DB = 1;
export const VEC_BP = 3;
export const VEC_UD = 6;
export const VEC_NM = 7;
export const VEC_DF = 8;
export const VEC_TS = 10;
export const VEC_NP = 11;
export const VEC_SS = 12;
export const VEC_GP = 13;
export const VEC_PF = 14;

export class X86Fault {
  constructor(
    readonly vector: number,
    readonly errorCode: number,
    /** Faulting linear address for #PF (goes to CR2); 0 otherwise. */
    readonly addr = 0,
  ) {}
}

/** Vectors that push an error code (SDM Vol 3A Table 6-1). */
export function hasErrorCode(vector: number): boolean {
  return vector === 8 || (vector >= 10 && vector <= 14) || vector === 17 || vector === 21;
}

/** The outcome of a side-effect-free lookup or a uaccess copy that failed. */
export interface PageFaultInfo {
  fault: 'page' | 'gp';
  addr: number;
  errorCode: number;
}
