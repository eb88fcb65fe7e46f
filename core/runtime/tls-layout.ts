// The runtime's one static TLS block (x86-64 ELF TLS ABI, "variant II"): thread data
// sits just below the thread pointer, and the word at the thread pointer itself (%fs:0)
// holds its own address, so code can read the thread pointer with one load.

/** Bytes of thread data below the thread control block. */
export const TLS_DATA_SIZE = 64;
/** Bytes reserved for the thread control block (only its self-pointer is used). */
export const TCB_SIZE = 64;
/** errno's offset from the thread pointer: the int is read as %fs:ERRNO_TPOFF. */
export const ERRNO_TPOFF = -16;
/** arch_prctl(2) code that sets the FS base. */
export const ARCH_SET_FS = 0x1002;
/** atexit(3) must accept at least 32 registrations (POSIX ATEXIT_MAX). */
export const ATEXIT_MAX = 32;
