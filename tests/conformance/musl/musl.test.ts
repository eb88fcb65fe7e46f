// Unmodified C programs on musl libc (Debian musl-tools), built static and static-PIE,
// run natively under strace and in the emulator: same stdout, status and normalized
// trace. musl's own start-up runs first (arch_prctl, set_tid_address, stdio's ioctl
// TIOCGWINSZ probe, writev), so these check the kernel against a real libc.
import { expect } from 'vitest';
import { muslGcc } from '../c-runtime/c-programs.js';
import { defineCSuite } from '../c-runtime/c-suite.js';

defineCSuite(
  'musl-built C programs',
  import.meta.dirname,
  [
    { suffix: '', label: 'musl-gcc -static', build: async () => muslGcc(false) },
    { suffix: '-pie', label: 'musl static-pie', build: async () => muslGcc(true) },
  ],
  (programs) => expect(programs.map((p) => p.spec.name)).toEqual(['buffered-reader', 'byte-reader', 'eintr-read-loop', 'memory-layout']),
);
