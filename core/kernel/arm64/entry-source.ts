// The AArch64 kernel's exception vectors and its entry and exit paths, as guest
// assembly a student can single-step. It follows arch/arm64/kernel/entry.S in shape:
// VBAR_EL1 points at a 2 KiB table of 16 slots; the "lower EL, AArch64, synchronous"
// slot (+0x400) is where `svc #0` and every user fault land. kernel_entry saves
// x0-x30, SP_EL0, ELR_EL1 and SPSR_EL1 into pt_regs on the task's kernel stack
// (SP_EL1), a `bl` calls into C (here: TypeScript, behind a hook address), and
// kernel_exit reloads everything and leaves by `eret`.
//
// Labels marked "hook" are where TypeScript runs: the CPU calls the registered hook
// instead of executing the `udf` placed there, then returns to x30.

/** struct pt_regs (arch/arm64/include/asm/ptrace.h), offsets from the lowest address. */
export const PT_REGS = {
  ...Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`x${i}`, i * 8])),
  sp: 248,
  pc: 256,
  pstate: 264,
  orig_x0: 272,
  syscallno: 280,
} as Record<string, number>;
/** Linux's is larger (stackframe, PMR...); these are the fields this kernel uses, 16-byte aligned. */
export const PT_REGS_SIZE = 288;
const S_LR = 240;
const S_PC = 256;
const S_SYSCALLNO = 280;

/** Hook labels and the label each one returns to. */
export const HOOK_RETURNS = {
  el0t_64_sync_handler: 'el0t_64_sync_ret',
  el0t_64_irq_handler: 'el0t_64_irq_ret',
  el1h_64_sync_handler: 'el1_halt',
  bad_mode_handler: 'el1_halt',
} as const;
export type Arm64HookLabel = keyof typeof HOOK_RETURNS;

/** The label at each of the 16 vector slots (ARM ARM D1.10.2). */
const VECTOR_SLOTS = [
  'bad_mode', 'bad_mode', 'bad_mode', 'bad_mode', // current EL with SP_EL0: never used
  'el1h_64_sync', 'bad_mode', 'bad_mode', 'bad_mode', // current EL with SP_EL1: a kernel bug
  'el0t_64_sync', 'el0t_64_irq', 'bad_mode', 'bad_mode', // lower EL, AArch64: user mode
  'bad_mode', 'bad_mode', 'bad_mode', 'bad_mode', // lower EL, AArch32: not supported
];
const SLOT_NAMES = ['sync', 'irq', 'fiq', 'serror'];

function vectors(): string {
  // Each slot is 0x80 bytes; one branch, then pad to the next slot.
  return VECTOR_SLOTS.map((target, i) => `    b ${target.padEnd(32)}// +0x${(i * 0x80).toString(16).padStart(3, '0')} ${['EL1t', 'EL1h', 'EL0 64-bit', 'EL0 32-bit'][i >> 2]} ${SLOT_NAMES[i & 3]}
    .balign 128`).join('\n');
}

function kernelEntry(): string {
  const pairs: string[] = [];
  for (let i = 0; i < 30; i += 2) pairs.push(`    stp x${i}, x${i + 1}, [sp, #${i * 8}]`);
  return `    sub sp, sp, #${PT_REGS_SIZE}                      // room for pt_regs on this task's kernel stack
${pairs.join('\n')}
    mrs x21, sp_el0                         // the user stack pointer
    mrs x22, elr_el1                        // where user mode was (the insn after svc, or the faulting one)
    mrs x23, spsr_el1                       // user PSTATE: NZCV, DAIF, EL0t
    stp x30, x21, [sp, #${S_LR}]                  // pt_regs->regs[30], pt_regs->sp
    stp x22, x23, [sp, #${S_PC}]                  // pt_regs->pc, pt_regs->pstate
    mov w21, #-1                            // NO_SYSCALL until el0_svc says otherwise
    str w21, [sp, #${S_SYSCALLNO}]`;
}

function kernelExit(): string {
  const pairs: string[] = [];
  for (let i = 0; i < 30; i += 2) pairs.push(`    ldp x${i}, x${i + 1}, [sp, #${i * 8}]`);
  return `    ldp x21, x22, [sp, #${S_PC}]                  // pc and pstate to return to
    ldr x23, [sp, #${S_LR + 8}]                     // user sp
    msr elr_el1, x21
    msr spsr_el1, x22
    msr sp_el0, x23
${pairs.join('\n')}
    ldr x30, [sp, #${S_LR}]
    add sp, sp, #${PT_REGS_SIZE}                      // the kernel stack is empty again
    eret                                    // PC <- ELR_EL1, PSTATE <- SPSR_EL1: back to EL0`;
}

export const ENTRY_SOURCE = `// Syscall Lab kernel: exception vectors, entry and exit paths (AArch64)
.text
.global vectors
vectors:                                    // VBAR_EL1 points here
${vectors()}

// ---- svc #0, aborts and undefined instructions from EL0 (vector +0x400) ----
el0t_64_sync:
${kernelEntry()}
    mov x0, sp                              // el0t_64_sync_handler(regs): reads ESR_EL1
    bl el0t_64_sync_handler
el0t_64_sync_ret:
    b ret_to_user

// ---- the timer interrupt while in EL0 (vector +0x480) ----
el0t_64_irq:
${kernelEntry()}
    mov x0, sp
    bl el0t_64_irq_handler
el0t_64_irq_ret:
    b ret_to_user

// ---- kernel_exit: restore pt_regs and eret ----
ret_to_user:
${kernelExit()}

// ---- exceptions the kernel does not expect ----
el1h_64_sync:
    mov x0, sp
    bl el1h_64_sync_handler
bad_mode:
    bl bad_mode_handler
el1_halt:
    wfi
    b el1_halt

// ---- hooks: TypeScript runs here (the udf never executes) ----
el0t_64_sync_handler:                       // hook: el0_svc / el0_da / el0_undef...
    udf #0
el0t_64_irq_handler:                        // hook: timer tick
    udf #0
el1h_64_sync_handler:                       // hook: panic
    udf #0
bad_mode_handler:                           // hook: panic
    udf #0
`;
