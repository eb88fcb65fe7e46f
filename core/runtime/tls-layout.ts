// The runtime's one static TLS block per thread, in an area of TLS_DATA_SIZE +
// TCB_SIZE bytes (RUNTIME_TLS_SIZE in runtime.h) on both architectures; where the
// thread pointer sits in that area follows each architecture's ELF TLS ABI.
//
// x86-64 ("variant II"): thread data sits just below the thread pointer, and the word
// at the thread pointer itself (%fs:0) holds its own address, so code can read the
// thread pointer with one load. errno is the int at %fs:-16.
//
// AArch64 ("variant I", AAELF64 "Thread Local Storage"): the thread pointer
// (TPIDR_EL0) is the start of the area, a 16-byte TCB comes first and thread data
// follows it, so errno is the int at TPIDR_EL0 + 16, the first byte past the TCB.
// mrs reads the register directly: no self-pointer is needed.

/** Bytes of thread data below the thread control block. */
export const TLS_DATA_SIZE = 64;
/** Bytes reserved for the thread control block (only its self-pointer is used). */
export const TCB_SIZE = 64;
/** errno's offset from the thread pointer: the int is read as %fs:ERRNO_TPOFF. */
export const ERRNO_TPOFF = -16;
/** AArch64: errno's offset from TPIDR_EL0, just past the 16-byte TCB the ABI reserves. */
export const ARM64_ERRNO_TPOFF = 16;
/** arch_prctl(2) code that sets the FS base. */
export const ARCH_SET_FS = 0x1002;
/** atexit(3) must accept at least 32 registrations (POSIX ATEXIT_MAX). */
export const ATEXIT_MAX = 32;
