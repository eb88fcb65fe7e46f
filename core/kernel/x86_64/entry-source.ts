// The kernel's entry and exit paths for x86-64, as guest assembly a student can
// single-step. It follows arch/x86/entry/entry_64.S in shape: swapgs, stash the user
// stack pointer in the per-CPU area, switch to the task's kernel stack, build pt_regs
// with pushes, call into C (here: TypeScript, behind a hook address), pop, and leave
// by SYSRET when it is safe or by IRET otherwise.
//
// Labels marked "hook" are where TypeScript runs: the CPU calls the registered hook
// instead of executing the ud2 placed there, then returns to the caller.

/** Offsets in the per-CPU area that GS points at while in the kernel. */
export const PERCPU_USER_RSP = 0x0;
export const PERCPU_KERNEL_STACK = 0x8;

/** struct pt_regs (arch/x86/include/asm/ptrace.h), offsets from the lowest address. */
export const PT_REGS = {
  r15: 0, r14: 8, r13: 16, r12: 24, rbp: 32, rbx: 40, r11: 48, r10: 56, r9: 64, r8: 72,
  rax: 80, rcx: 88, rdx: 96, rsi: 104, rdi: 112, orig_rax: 120, rip: 128, cs: 136, eflags: 144, rsp: 152, ss: 160,
} as const;
export const PT_REGS_SIZE = 168;

/** Hook labels: the kernel registers a TypeScript function at each one's address. */
export const HOOK_LABELS = ['do_syscall_64', 'do_int80_syscall_32', 'do_exception', 'do_timer_interrupt'] as const;
export type HookLabel = (typeof HOOK_LABELS)[number];

/** Exception vectors given an entry stub; those with a CPU-pushed error code say so. */
export const EXCEPTION_STUBS: { vector: number; label: string; errorCode: boolean }[] = [
  { vector: 0, label: 'asm_exc_divide_error', errorCode: false },
  { vector: 3, label: 'asm_exc_int3', errorCode: false },
  { vector: 6, label: 'asm_exc_invalid_op', errorCode: false },
  { vector: 13, label: 'asm_exc_general_protection', errorCode: true },
  { vector: 14, label: 'asm_exc_page_fault', errorCode: true },
];

const pushRegs = `    push rdi
    push rsi
    push rdx
    push rcx
    push rax
    push r8
    push r9
    push r10
    push r11
    push rbx
    push rbp
    push r12
    push r13
    push r14
    push r15`;

const popRegs = `    pop r15
    pop r14
    pop r13
    pop r12
    pop rbp
    pop rbx
    pop r11
    pop r10
    pop r9
    pop r8
    pop rax
    pop rcx
    pop rdx
    pop rsi
    pop rdi`;

function exceptionStub(s: { vector: number; label: string; errorCode: boolean }): string {
  return `${s.label}:
${s.errorCode ? '    # the CPU pushed an error code: it sits in pt_regs->orig_ax' : '    push -1                                 # no error code: orig_ax = -1'}
    test BYTE PTR [rsp + 16], 3             # came from user mode (CS.RPL = 3)?
    jz 1f
    swapgs
1:
${pushRegs}
    mov rdi, rsp                            # do_exception(regs, vector)
    mov esi, ${s.vector}
    call do_exception
    jmp return_from_exception
`;
}

export const ENTRY_SOURCE = `# Syscall Lab kernel: entry and exit paths (x86-64)
.intel_syntax noprefix
.text

# ---- the SYSCALL instruction lands here (IA32_LSTAR) ----------------------------
.global entry_SYSCALL_64
entry_SYSCALL_64:
    swapgs                                  # GS now points at this CPU's per-CPU area
    mov QWORD PTR gs:${PERCPU_USER_RSP}, rsp             # stash the user stack pointer
    mov rsp, QWORD PTR gs:${PERCPU_KERNEL_STACK}         # switch to this task's kernel stack
    push 0x2b                               # pt_regs->ss    (__USER_DS)
    push QWORD PTR gs:${PERCPU_USER_RSP}                 # pt_regs->sp    (user RSP)
    push r11                                # pt_regs->flags (RFLAGS, saved by SYSCALL)
    push 0x33                               # pt_regs->cs    (__USER_CS)
    push rcx                                # pt_regs->ip    (saved by SYSCALL)
    push rax                                # pt_regs->orig_ax: the syscall number
    push rdi
    push rsi
    push rdx
    push rcx
    push -38                                # pt_regs->ax = -ENOSYS until dispatch
    push r8
    push r9
    push r10
    push r11
    push rbx
    push rbp
    push r12
    push r13
    push r14
    push r15
    mov rdi, rsp                            # do_syscall_64(regs, nr)
    movsxd rsi, eax
    call do_syscall_64                      # returns 1 when SYSRET may be used
    test al, al
    jz swapgs_restore_regs_and_return_to_usermode
syscall_return_via_sysret:
${popRegs}
    add rsp, 8                              # skip orig_ax
    mov rcx, QWORD PTR [rsp]                # SYSRET takes RIP from RCX...
    mov r11, QWORD PTR [rsp + 16]           # ...and RFLAGS from R11
    mov rsp, QWORD PTR [rsp + 24]           # back on the user stack
    swapgs                                  # restore the user's GS base
    sysretq                                 # CPL 3, RIP = RCX, RFLAGS = R11

# ---- the IRET way out: used after signals, exceptions and int 0x80 --------------
swapgs_restore_regs_and_return_to_usermode:
${popRegs}
    add rsp, 8                              # skip orig_ax
    swapgs
    iretq                                   # pops RIP, CS, RFLAGS, RSP, SS

# ---- int 0x80: the legacy i386 entry through an IDT gate --------------------------
.global entry_INT80_compat
entry_INT80_compat:
    swapgs                                  # the CPU already switched to the kernel stack (TSS.RSP0)
    push rax                                # pt_regs->orig_ax
    push rdi
    push rsi
    push rdx
    push rcx
    push -38                                # pt_regs->ax = -ENOSYS
    push r8
    push r9
    push r10
    push r11
    push rbx
    push rbp
    push r12
    push r13
    push r14
    push r15
    mov rdi, rsp
    call do_int80_syscall_32
    jmp swapgs_restore_regs_and_return_to_usermode

# ---- the timer interrupt: time, signals and preemption --------------------------
.global asm_sysvec_apic_timer_interrupt
asm_sysvec_apic_timer_interrupt:
    push -1                                 # orig_ax: not a syscall
    test BYTE PTR [rsp + 16], 3
    jz 1f
    swapgs
1:
${pushRegs}
    mov rdi, rsp
    call do_timer_interrupt
    jmp return_from_exception

# ---- CPU exceptions ------------------------------------------------------------
${EXCEPTION_STUBS.map(exceptionStub).join('\n')}
return_from_exception:
${popRegs}
    add rsp, 8                              # skip orig_ax / the error code
    test BYTE PTR [rsp + 8], 3              # returning to user mode?
    jz 2f
    swapgs
2:
    iretq

# ---- TypeScript behind these addresses (hooks) -----------------------------------
.balign 16
do_syscall_64:
    ud2
.balign 16
do_int80_syscall_32:
    ud2
.balign 16
do_exception:
    ud2
.balign 16
do_timer_interrupt:
    ud2
`;
