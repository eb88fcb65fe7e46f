// The emulated half's guest programs, generated per measurement. Each repeats one
// operation `n` times in a counted loop (`dec r12d; jnz`), so two runs with n and 2n
// iterations differ by exactly n operations: everything else (exec, setup, exit,
// first-touch faults of the program's own pages) cancels in the difference.

import { vdsoImage } from '../../../core/kernel/vdso/vdso-image.js';

/** Instructions the loop itself adds per iteration (dec + jnz), removed from each op. */
export const LOOP_INSTRUCTIONS = 2;

const HEAD = `.intel_syntax noprefix
.global _start
.text
_start:
`;

const EXIT = `
exit_ok:
    mov eax, 60                 # exit(0)
    xor edi, edi
    syscall
fail:
    mov eax, 60                 # exit(99): setup went wrong
    mov edi, 99
    syscall
`;

/** `n` repetitions of `body` after `setup`; r12 is the loop counter, free for nothing else. */
function loop(setup: string, body: string, n: number, data = '', after = '    jmp exit_ok'): string {
  return `${HEAD}${setup}
    mov r12d, ${n}
    test r12d, r12d
    jz 2f
1:
${body}
    dec r12d
    jnz 1b
2:
${after}
${EXIT}${data}`;
}

/** getppid through the syscall instruction (the raw null syscall: syscall(2) number 110). */
export function nullSyscall(n: number): string {
  return loop('', '    mov eax, 110\n    syscall', n);
}

/** getpid through `syscall` (nr 39) or the ia32 gate `int 0x80` (nr 20 in the i386 table). */
export function getpidVia(via: 'syscall' | 'int80', n: number): string {
  return loop('', via === 'syscall' ? '    mov eax, 39\n    syscall' : '    mov eax, 20\n    int 0x80', n);
}

/** Byte offset of a vDSO function from the image base (AT_SYSINFO_EHDR). */
export function vdsoOffset(fn: '__vdso_clock_gettime' | '__vdso_gettimeofday'): number {
  const off = vdsoImage().symbols.get(fn);
  if (off === undefined) throw new Error(`the emulator's vDSO has no ${fn}`);
  return off;
}

// Find AT_SYSINFO_EHDR (33) in the auxiliary vector above argv and envp (the initial
// stack layout of the x86-64 psABI, 3.4.1), leave the vDSO base in rbx.
const FIND_VDSO = `    mov rcx, [rsp]              # argc
    lea rdi, [rsp + rcx*8 + 16] # envp[0]
3:  cmp qword ptr [rdi], 0
    lea rdi, [rdi + 8]
    jne 3b
4:  mov rax, [rdi]              # auxv type
    test rax, rax
    jz fail                     # AT_NULL: no vDSO
    cmp rax, 33
    je 5f
    add rdi, 16
    jmp 4b
5:  mov rbx, [rdi + 8]
`;

export type ClockOp = 'clock_gettime:vdso' | 'clock_gettime:syscall' | 'gettimeofday';

/** clock_gettime(CLOCK_MONOTONIC) through the vDSO or the syscall; gettimeofday through the vDSO (as libc does). */
export function clockCall(op: ClockOp, n: number): string {
  const data = '\n.bss\n.balign 16\nts: .skip 16\n';
  if (op === 'clock_gettime:syscall') return loop('', '    mov eax, 228\n    mov edi, 1\n    lea rsi, [rip + ts]\n    syscall', n, data);
  const fn = op === 'gettimeofday' ? '__vdso_gettimeofday' : '__vdso_clock_gettime';
  const args = op === 'gettimeofday' ? '    lea rdi, [rip + ts]\n    xor esi, esi' : '    mov edi, 1\n    lea rsi, [rip + ts]';
  return loop(`${FIND_VDSO}    lea r13, [rbx + ${vdsoOffset(fn)}]\n`, `${args}\n    call r13`, n, data);
}

/** read(fd, buf, size) n times from /data/1mib.bin (1 MiB: n · size must fit). */
export function readLoop(size: number, n: number): string {
  if (n * size > 1 << 20) throw new Error(`read sweep: ${n} reads of ${size} bytes exceed the 1 MiB guest file`);
  const setup = `    mov eax, 2                  # open("/data/1mib.bin", O_RDONLY)
    lea rdi, [rip + path]
    xor esi, esi
    syscall
    test eax, eax
    js fail
    mov r15d, eax
`;
  const body = `    xor eax, eax                # read(fd, buf, size)
    mov edi, r15d
    lea rsi, [rip + buf]
    mov edx, ${size}
    syscall
    cmp rax, ${size}
    jne fail`;
  return loop(setup, body, n, `\n.section .rodata\npath: .asciz "/data/1mib.bin"\n.bss\n.balign 4096\nbuf: .skip ${Math.max(size, 16)}\n`);
}

/**
 * lmbench lat_ctx style: the parent writes a byte down one pipe and reads it back
 * from another; a forked child echoes. Each round trip blocks each side once, so it
 * is two context switches.
 */
export function pipePingPong(n: number): string {
  const setup = `    mov eax, 22                 # pipe(p2c)
    lea rdi, [rip + p2c]
    syscall
    test eax, eax
    jnz fail
    mov eax, 22                 # pipe(c2p)
    lea rdi, [rip + c2p]
    syscall
    test eax, eax
    jnz fail
    mov eax, 57                 # fork()
    syscall
    test eax, eax
    js fail
    jz child
`;
  const body = `    mov eax, 1                  # write(p2c[1], &b, 1)
    mov edi, [rip + p2c + 4]
    lea rsi, [rip + b]
    mov edx, 1
    syscall
    xor eax, eax                # read(c2p[0], &b, 1)
    mov edi, [rip + c2p]
    lea rsi, [rip + b]
    mov edx, 1
    syscall
    cmp rax, 1
    jne fail`;
  const child = `
child:
    mov eax, 3                  # close(p2c[1]) so the parent's close ends our reads
    mov edi, [rip + p2c + 4]
    syscall
6:  xor eax, eax                # read(p2c[0], &b, 1)
    mov edi, [rip + p2c]
    lea rsi, [rip + b]
    mov edx, 1
    syscall
    cmp rax, 1
    jne exit_ok                 # end of file: the parent is done
    mov eax, 1                  # write(c2p[1], &b, 1)
    mov edi, [rip + c2p + 4]
    lea rsi, [rip + b]
    mov edx, 1
    syscall
    jmp 6b
`;
  // After the loop: close our write end (the child sees EOF) and reap it.
  const after = `    mov eax, 3                  # close(p2c[1])
    mov edi, [rip + p2c + 4]
    syscall
    mov eax, 61                 # wait4(-1, NULL, 0, NULL)
    mov rdi, -1
    xor esi, esi
    xor edx, edx
    xor r10d, r10d
    syscall
    jmp exit_ok`;
  return loop(setup, body, n, `${child}\n.bss\n.balign 8\np2c: .skip 8\nc2p: .skip 8\nb: .skip 8\n`, after);
}

/** mmap `pages` fresh anonymous pages, then write one byte to each of the first `touch`. */
export function firstTouch(pages: number, touch: number): string {
  const setup = `    mov eax, 9                  # mmap(NULL, len, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)
    xor edi, edi
    mov esi, ${pages * 4096}
    mov edx, 3
    mov r10d, 0x22
    mov r8, -1
    xor r9d, r9d
    syscall
    test rax, rax
    js fail
    mov rbx, rax
`;
  return loop(setup, '    mov byte ptr [rbx], 1\n    add rbx, 4096', touch, '');
}
