// x86-64 programs for the native reference tests: install a SIGALRM handler,
// arm alarm(1), write a greeting, block in read(2) until the signal lands.

/** sa_flags: SA_RESTORER (x86-64 user space must supply the restorer), optionally SA_RESTART. */
const SA_RESTORER = 0x04000000;
const SA_RESTART = 0x10000000;

export function alarmReadProgram(bufSize: number | string, opts: { saRestart?: boolean } = {}): string {
  const flags = `0x${(SA_RESTORER | (opts.saRestart ? SA_RESTART : 0)).toString(16)}`;
  return `
        .intel_syntax noprefix
        .globl  _start
        .text
handler:
        ret
restorer:
        mov     eax, 15                 # rt_sigreturn
        syscall
_start:
        mov     eax, 13                 # rt_sigaction(SIGALRM, &act, NULL, 8)
        mov     edi, 14
        lea     rsi, [rip + act]
        xor     edx, edx
        mov     r10d, 8
        syscall
        mov     eax, 37                 # alarm(1)
        mov     edi, 1
        syscall
        mov     eax, 1                  # write
        mov     edi, 1
        lea     rsi, [rip + msg]
        mov     edx, 14
        syscall
        xor     eax, eax                # read: blocks until SIGALRM
        xor     edi, edi
        lea     rsi, [rip + buf]
        mov     edx, ${bufSize}
        syscall
        mov     eax, 60
        xor     edi, edi
        syscall
        .data
act:    .quad   handler, ${flags}, restorer, 0
msg:    .ascii  "hello, kernel\\n"
        .bss
buf:    .skip   4096
`;
}
