// The stages of the kernel-path timeline, per architecture: their names and labels,
// and where the trap's and the return's charges go (a PathPlan). x86-64 follows
// entry_SYSCALL_64; AArch64 follows the exception vector and entry.S's kernel_entry /
// kernel_exit (arch/arm64/kernel/entry.S).

/** The x86-64 path: entry_SYSCALL_64 (or the int 0x80 gate) to sysretq / iretq. */
export const KERNEL_PATH_STAGES = ['syscall', 'swapgs', 'kernel-stack', 'pt_regs', 'dispatch', 'handler', 'exit-work', 'sysret'] as const;
/** The AArch64 path: the vector slot at VBAR_EL1 + 0x400, kernel_entry, el0_svc, kernel_exit, eret. */
export const ARM64_PATH_STAGES = ['svc', 'vector', 'kernel_entry', 'dispatch', 'handler', 'exit-work', 'kernel_exit', 'eret'] as const;
export type KernelPathStage = (typeof KERNEL_PATH_STAGES)[number] | (typeof ARM64_PATH_STAGES)[number];

export const STAGE_LABELS: Record<(typeof KERNEL_PATH_STAGES)[number], string> = {
  syscall: 'syscall instruction (user → kernel)',
  swapgs: 'swapgs (per-CPU area)',
  'kernel-stack': 'switch to the kernel stack',
  pt_regs: 'push pt_regs',
  dispatch: 'dispatch (table lookup)',
  handler: 'handler',
  'exit-work': 'exit work (signals, restore registers)',
  sysret: 'sysret / iret (kernel → user)',
};

export const ARM64_STAGE_LABELS: Record<(typeof ARM64_PATH_STAGES)[number], string> = {
  svc: 'svc #0 (EL0 → EL1: ELR, SPSR, ESR set)',
  vector: 'vector table slot (VBAR_EL1 + 0x400)',
  kernel_entry: 'kernel_entry: save x0–x30, sp_el0, elr, spsr',
  dispatch: 'el0_svc dispatch (table lookup)',
  handler: 'handler',
  'exit-work': 'exit work (signals)',
  kernel_exit: 'kernel_exit: restore registers',
  eret: 'eret (EL1 → EL0)',
};

/**
 * One architecture's path: its stages in order, the stage the trapping instruction
 * belongs to (the mode-switch-in charges go there), and the return stage (the
 * mode-switch-out charges; reaching user mode after it ends a pass).
 */
export interface PathPlan {
  order: readonly KernelPathStage[];
  labels: Readonly<Partial<Record<KernelPathStage, string>>>;
  trap: KernelPathStage;
  ret: KernelPathStage;
}

export const X86_PATH: PathPlan = { order: KERNEL_PATH_STAGES, labels: STAGE_LABELS, trap: 'syscall', ret: 'sysret' };
export const ARM64_PATH: PathPlan = { order: ARM64_PATH_STAGES, labels: ARM64_STAGE_LABELS, trap: 'svc', ret: 'eret' };

/** One line of the entry code as the disassembler prints it. */
export interface EntryLine {
  addr: number;
  text: string;
}

/** Where each stage begins: entry-code address → stage. */
export type StageBoundaries = Map<number, KernelPathStage>;
