# Rings and faults: poke at ring 0 from ring 3 and watch the signals.
        .intel_syntax noprefix
        .globl  _start
        .text
_start:
        # TODO (step 4): install a SIGSEGV handler with rt_sigaction(SIGSEGV, &act, NULL, 8)

try1:   {{params.priv}}                 # CPL 3 may not do this: #GP
try2:   # TODO (step 2): load from {{params.kaddr}}
try3:   # TODO (step 3): load from {{params.noncanon}}
done:   mov     eax, 60                 # exit(0)
        xor     edi, edi
        syscall
