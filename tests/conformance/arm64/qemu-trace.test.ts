// The arm64 trace normalizer on real `qemu-aarch64 -strace` lines (captured from the
// programs in this folder) paired with the emulator's strace-format lines for the
// same events: each pair must land on the same form, and real differences must not.
import { describe, expect, it } from 'vitest';
import { normalizeLine, qemuTraceLines } from './qemu-trace.js';

const plain = { hideImageAddresses: false, ignore: [] as ('si_code' | 'si_addr')[] };

describe('arm64 trace normalizer', () => {
  it.each([
    ['26388 write(1,0x4100d8,17) = 17', 'write(1, "Direct write call", 17) = 17', 'write = 17'],
    ['27002 write(1,0x10,5) = -1 errno=14 (Bad address)', 'write(1, 0x10, 5) = -1 EFAULT (Bad address)', 'write = -14'],
    ['26416 brk(0x0000000000402000) = 0x0000000000402000', 'brk(0x11ef000) = 0x11ef000', 'brk = ADDR'],
    ['26388 exit(0)', 'exit(0) = ?', 'exit = ?'],
    ['26406 Unknown syscall 999', 'syscall_0x3e7(0, 0, 0, 0, 0, 0) = -1 ENOSYS (Function not implemented)', 'syscall_999 = ?'],
    ['8048 nanosleep(4194600,0,0,8,0,0) = -1 errno=4 (Interrupted system call)', 'nanosleep({tv_sec=2, tv_nsec=0}, NULL) = ? ERESTART_RESTARTBLOCK (Interrupted by signal)', 'nanosleep = INTERRUPTED'],
    ['22449 read(3,0x410198,16) = -1 errno=512 (To be restarted)', 'read(3, 0x410198, 16) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)', 'read = INTERRUPTED'],
    ['8142 rt_sigreturn(11,4194540,11,8,0,0) = -1 errno=513 (Successful exit from sigreturn)', 'rt_sigreturn({mask=[]}) = 0', 'rt_sigreturn = RESTORED'],
    ['8142 getpid() = 8142', 'getpid() = 100', 'getpid = PID'],
    ['--- SIGSEGV {si_signo=SIGSEGV, si_code=2, si_addr=0x0000000000400078} ---', '--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_ACCERR, si_addr=0x400078} ---', '--- SIGSEGV code=2 addr=0x400078 ---'],
    ['--- SIGSEGV {si_signo=SIGSEGV, si_code=1, si_addr=NULL} ---', '--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---', '--- SIGSEGV code=1 addr=0x0 ---'],
  ])('%s ≡ %s', (qemu, ours, form) => {
    expect(normalizeLine(qemu, plain)).toBe(form);
    expect(normalizeLine(ours, plain)).toBe(form);
  });

  it('keeps real differences apart: another result, another si_code, another image address', () => {
    expect(normalizeLine('1 write(1,0x10,5) = 5', plain)).not.toBe(normalizeLine('write(1, 0x10, 5) = -1 EFAULT (Bad address)', plain));
    expect(normalizeLine('--- SIGILL {si_signo=SIGILL, si_code=2, si_addr=0x0000000000400078} ---', plain)).not.toBe(
      normalizeLine('--- SIGILL {si_signo=SIGILL, si_code=ILL_ILLOPC, si_addr=0x400078} ---', plain),
    );
    expect(normalizeLine('--- SIGSEGV {si_signo=SIGSEGV, si_code=2, si_addr=0x400078} ---', plain)).not.toBe(normalizeLine('--- SIGSEGV {si_signo=SIGSEGV, si_code=2, si_addr=0x40007c} ---', plain));
  });

  it('drops only the fields a program declares qemu-differs, and hides image addresses for our own link', () => {
    const opts = { hideImageAddresses: true, ignore: ['si_code'] as ('si_code' | 'si_addr')[] };
    expect(normalizeLine('--- SIGILL {si_signo=SIGILL, si_code=2, si_addr=0x0000000000400078} ---', opts)).toBe('--- SIGILL addr=IMAGE ---');
    expect(normalizeLine('--- SIGILL {si_signo=SIGILL, si_code=ILL_ILLOPC, si_addr=0x401000} ---', opts)).toBe('--- SIGILL addr=IMAGE ---');
  });

  it('takes call lines (pid prefix) and signal lines from qemu stderr, not its own messages', () => {
    const stderr = '27010 write(1,0x10,5) = 5\n--- SIGSEGV {si_signo=SIGSEGV, si_code=2, si_addr=0x0000000000400078} ---\nqemu: uncaught target signal 11 (Segmentation fault) - core dumped\n';
    expect(qemuTraceLines(stderr)).toEqual(['27010 write(1,0x10,5) = 5', '--- SIGSEGV {si_signo=SIGSEGV, si_code=2, si_addr=0x0000000000400078} ---']);
  });
});
