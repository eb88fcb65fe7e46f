# The ALU's flags after each kind of instruction, read back with seto/setc/setz/
# sets/setp (the O C Z S P columns; '.' where the SDM leaves a flag undefined for that
# instruction, since hosts disagree there): carries and overflows at 8/16/32/64 bits,
# inc/dec keeping CF, logic ops clearing CF/OF, shift counts of 0, 1, many and masked,
# mul/imul defining only CF/OF, bt and rotates defining only CF (and OF for count 1)
# (SDM Vol 1 3.4.3.1 status flags; Vol 2 each instruction's "Flags Affected").
# expect-stdout: add64 10011\naddcz 01101\nadd32 01101\nadd8  11101\nsub64 01011\nsubov 10001\ncmp16 10001\ncmpsx 01000\nadc   01101\nsbb   01011\nsbbrr 01011\ninc   11011\ndec   01011\ninc8  00101\ndec16 10001\nneg0  00101\nnegmn 11011\nand   00101\nor    00010\nxor   00101\ntest  00010\nshl1  11101\nshr1  01101\nsar1  01011\nshl4  .1011\nshr0  01101\nsh33  .0001\nimul  11...\nimul3 00...\nmulhi 11...\nmullo 00...\nmul8  11...\nbt    .1...\nbtreg .1...\nrol1  11...\nror1  11...\n
# expect-exit: 0
.intel_syntax noprefix
.global _start
.text
_start:
    # add64: add rax, rbx
    lea rsi, [rip + L0]
    mov r12d, 0x1f
    movabs rax, 0x7fffffffffffffff
    mov rbx, 1
    add rax, rbx
    call flags_line
    # addcz: add rax, 1
    lea rsi, [rip + L1]
    mov r12d, 0x1f
    mov rax, -1
    add rax, 1
    call flags_line
    # add32: add eax, 1
    lea rsi, [rip + L2]
    mov r12d, 0x1f
    mov eax, 0xffffffff
    add eax, 1
    call flags_line
    # add8: add al, 0x80
    lea rsi, [rip + L3]
    mov r12d, 0x1f
    mov eax, 0x80
    add al, 0x80
    call flags_line
    # sub64: sub rax, 1
    lea rsi, [rip + L4]
    mov r12d, 0x1f
    xor eax, eax
    sub rax, 1
    call flags_line
    # subov: sub rax, 1
    lea rsi, [rip + L5]
    mov r12d, 0x1f
    movabs rax, 0x8000000000000000
    sub rax, 1
    call flags_line
    # cmp16: cmp ax, 1
    lea rsi, [rip + L6]
    mov r12d, 0x1f
    mov eax, 0x8000
    cmp ax, 1
    call flags_line
    # cmpsx: cmp rax, -1
    lea rsi, [rip + L7]
    mov r12d, 0x1f
    xor eax, eax
    cmp rax, -1
    call flags_line
    # adc: adc rbx, 0
    lea rsi, [rip + L8]
    mov r12d, 0x1f
    mov rax, 1
    mov rbx, -1
    add rax, -1           # CF = 1
    adc rbx, 0
    call flags_line
    # sbb: sbb rbx, 0
    lea rsi, [rip + L9]
    mov r12d, 0x1f
    mov rax, 1
    xor ebx, ebx
    add rax, -1           # CF = 1
    sbb rbx, 0
    call flags_line
    # sbbrr: sbb eax, eax
    lea rsi, [rip + L10]
    mov r12d, 0x1f
    mov rax, 1
    add rax, -1           # CF = 1
    sbb eax, eax
    call flags_line
    # inc: inc rax
    lea rsi, [rip + L11]
    mov r12d, 0x1f
    mov rax, 1
    add rax, -1           # CF = 1, inc must keep it
    movabs rax, 0x7fffffffffffffff
    inc rax
    call flags_line
    # dec: dec rax
    lea rsi, [rip + L12]
    mov r12d, 0x1f
    mov rax, 1
    add rax, -1           # CF = 1, dec must keep it
    mov eax, 0
    dec rax
    call flags_line
    # inc8: inc al
    lea rsi, [rip + L13]
    mov r12d, 0x1f
    xor eax, eax
    add eax, 0           # CF = 0
    mov eax, 0xff
    inc al
    call flags_line
    # dec16: dec ax
    lea rsi, [rip + L14]
    mov r12d, 0x1f
    mov eax, 0x8000
    dec ax
    call flags_line
    # neg0: neg rax
    lea rsi, [rip + L15]
    mov r12d, 0x1f
    xor eax, eax
    neg rax
    call flags_line
    # negmn: neg rax
    lea rsi, [rip + L16]
    mov r12d, 0x1f
    movabs rax, 0x8000000000000000
    neg rax
    call flags_line
    # and: and eax, 0x0f
    lea rsi, [rip + L17]
    mov r12d, 0x1f
    mov rax, 1
    add rax, -1           # CF = 1, and must clear it
    mov eax, 0xf0
    and eax, 0x0f
    call flags_line
    # or: or rax, 3
    lea rsi, [rip + L18]
    mov r12d, 0x1f
    mov rax, -8
    or rax, 3
    call flags_line
    # xor: xor eax, 0x55
    lea rsi, [rip + L19]
    mov r12d, 0x1f
    mov eax, 0x55
    xor eax, 0x55
    call flags_line
    # test: test rax, rax
    lea rsi, [rip + L20]
    mov r12d, 0x1f
    mov rax, -2
    test rax, rax
    call flags_line
    # shl1: shl rax, 1
    lea rsi, [rip + L21]
    mov r12d, 0x1f
    movabs rax, 0x8000000000000000
    shl rax, 1
    call flags_line
    # shr1: shr rax, 1
    lea rsi, [rip + L22]
    mov r12d, 0x1f
    mov eax, 1
    shr rax, 1
    call flags_line
    # sar1: sar rax, 1
    lea rsi, [rip + L23]
    mov r12d, 0x1f
    mov rax, -1
    sar rax, 1
    call flags_line
    # shl4: shl eax, 28
    lea rsi, [rip + L24]
    mov r12d, 0x0f
    mov eax, 0x1f
    shl eax, 28
    call flags_line
    # shr0: shr rax, cl
    lea rsi, [rip + L25]
    mov r12d, 0x1f
    mov rax, 1
    add rax, -1           # CF = 1, ZF = 1: a 0 count keeps all flags
    mov ecx, 64
    shr rax, cl
    call flags_line
    # sh33: shl eax, cl
    lea rsi, [rip + L26]
    mov r12d, 0x0f
    mov eax, 3
    mov ecx, 33          # 32-bit shifts mask the count to 5 bits: 1
    shl eax, cl
    call flags_line
    # imul: imul rax, rbx
    lea rsi, [rip + L27]
    mov r12d, 0x18
    movabs rax, 0x4000000000000000
    mov rbx, 2
    imul rax, rbx
    call flags_line
    # imul3: imul rax, rbx, 5
    lea rsi, [rip + L28]
    mov r12d, 0x18
    mov rbx, -3
    imul rax, rbx, 5
    call flags_line
    # mulhi: mul rbx
    lea rsi, [rip + L29]
    mov r12d, 0x18
    movabs rax, 0x8000000000000000
    mov rbx, 2
    mul rbx
    call flags_line
    # mullo: mul rbx
    lea rsi, [rip + L30]
    mov r12d, 0x18
    mov eax, 3
    mov ebx, 5
    mul rbx
    call flags_line
    # mul8: mul cl
    lea rsi, [rip + L31]
    mov r12d, 0x18
    mov eax, 0x10
    mov ecx, 0x10
    mul cl
    call flags_line
    # bt: bt eax, 15
    lea rsi, [rip + L32]
    mov r12d, 0x08
    mov eax, 0x8000
    bt eax, 15
    call flags_line
    # btreg: bt rax, rcx
    lea rsi, [rip + L33]
    mov r12d, 0x08
    mov eax, 2
    mov ecx, 65         # register offsets are taken mod 64: bit 1
    bt rax, rcx
    call flags_line
    # rol1: rol rax, 1
    lea rsi, [rip + L34]
    mov r12d, 0x18
    movabs rax, 0x8000000000000000
    rol rax, 1
    call flags_line
    # ror1: ror rax, 1
    lea rsi, [rip + L35]
    mov r12d, 0x18
    mov eax, 1
    ror rax, 1
    call flags_line
    mov eax, 60
    xor edi, edi
    syscall

# flags_line: capture O C Z S P first (call and the movs before it leave flags alone),
# then write the 5-byte label at rsi, a space, and the flags masked by r12 (bit 4 = O).
flags_line:
    seto byte ptr [rip + fl]
    setc byte ptr [rip + fl + 1]
    setz byte ptr [rip + fl + 2]
    sets byte ptr [rip + fl + 3]
    setp byte ptr [rip + fl + 4]
    mov eax, 1
    mov edi, 1
    mov edx, 6                  # label and a space
    syscall
    lea rsi, [rip + fl]
    xor ecx, ecx
.Lflag:
    mov eax, 4
    sub eax, ecx                # bit number for column rcx
    bt r12d, eax
    jc .Ldefined
    mov byte ptr [rsi + rcx], 0x2e      # '.'
    jmp .Lnextflag
.Ldefined:
    add byte ptr [rsi + rcx], 0x30
.Lnextflag:
    inc ecx
    cmp ecx, 5
    jne .Lflag
    mov byte ptr [rsi + 5], 10
    mov eax, 1
    mov edi, 1
    mov edx, 6
    syscall
    ret

.data
fl: .skip 8
.section .rodata
L0: .ascii "add64 "
L1: .ascii "addcz "
L2: .ascii "add32 "
L3: .ascii "add8  "
L4: .ascii "sub64 "
L5: .ascii "subov "
L6: .ascii "cmp16 "
L7: .ascii "cmpsx "
L8: .ascii "adc   "
L9: .ascii "sbb   "
L10: .ascii "sbbrr "
L11: .ascii "inc   "
L12: .ascii "dec   "
L13: .ascii "inc8  "
L14: .ascii "dec16 "
L15: .ascii "neg0  "
L16: .ascii "negmn "
L17: .ascii "and   "
L18: .ascii "or    "
L19: .ascii "xor   "
L20: .ascii "test  "
L21: .ascii "shl1  "
L22: .ascii "shr1  "
L23: .ascii "sar1  "
L24: .ascii "shl4  "
L25: .ascii "shr0  "
L26: .ascii "sh33  "
L27: .ascii "imul  "
L28: .ascii "imul3 "
L29: .ascii "mulhi "
L30: .ascii "mullo "
L31: .ascii "mul8  "
L32: .ascii "bt    "
L33: .ascii "btreg "
L34: .ascii "rol1  "
L35: .ascii "ror1  "
