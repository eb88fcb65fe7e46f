// x86-64 programs for the native reference tests: install a SIGALRM handler,
// arm alarm(1), write a greeting, block in read(2) until the signal lands.

/** sa_flags: SA_RESTORER (x86-64 user space must supply the restorer), optionally SA_RESTART. */
const SA_RESTORER = 0x04000000;
const SA_RESTART = 0x10000000;

export function alarmReadProgram(bufSize: number | string, opts: { saRestart?: boolean } = {}): string {
  const flags = `0x${(SA_RESTORER | (opts.saRestart ? SA_RESTART : 0)).toString(16)}`;
  return `
        .globl  _start
        .text
handler:
        ret
restorer:
        mov     $15, %eax               # rt_sigreturn
        syscall
_start:
        mov     $13, %eax               # rt_sigaction(SIGALRM, &act, NULL, 8)
        mov     $14, %edi
        lea     act(%rip), %rsi
        xor     %edx, %edx
        mov     $8, %r10d
        syscall
        mov     $37, %eax               # alarm(1)
        mov     $1, %edi
        syscall
        mov     $1, %eax                # write
        mov     $1, %edi
        lea     msg(%rip), %rsi
        mov     $14, %edx
        syscall
        xor     %eax, %eax              # read: blocks until SIGALRM
        xor     %edi, %edi
        lea     buf(%rip), %rsi
        mov     $${bufSize}, %edx
        syscall
        mov     $60, %eax
        xor     %edi, %edi
        syscall
        .data
act:    .quad   handler, ${flags}, restorer, 0
msg:    .ascii  "hello, kernel\\n"
        .bss
buf:    .skip   4096
`;
}
