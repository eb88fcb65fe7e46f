// The normalizer against real strace 6.1 lines captured on the host (left) and the
// same calls as the emulator's --trace prints them (right: strace -a0 framing, no pid
// prefix, its own pids and addresses). Each pair must normalize equal; each near miss
// (a wrong offset, a wrong fd) must still differ.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeTrace } from './normalize.js';
import { buildNative, runNative, type NativeRun } from './native-run.js';
import { parseProgramHeader } from './program-header.js';

const norm = (lines: string[], hideImageAddresses = false): string[] => normalizeTrace(lines, { hideImageAddresses });

describe('normalizeTrace: line framing', () => {
  it('drops the pid prefix, the execve line and strace column padding', () => {
    const host = [
      '19362 execve("./a", ["./a"], 0x7ffe994f1d50 /* 35 vars */) = 0',
      '19362 write(1, "Direct write call", 17) = 17',
      '19362 exit(0)                           = ?',
      '19362 +++ exited with 0 +++',
    ];
    const emu = ['write(1, "Direct write call", 17) = 17', 'exit(0) = ?', '+++ exited with 0 +++'];
    expect(norm(host)).toEqual(emu);
    expect(norm(emu)).toEqual(emu);
  });

  it('accepts the [pid N] prefix strace uses on a terminal', () => {
    expect(norm(['[pid  4242] getpid() = 4242'])).toEqual(['getpid() = PID']);
  });

  it('leaves string contents alone: padding and ") =" inside quotes are data', () => {
    const line = 'write(1, "f(x)    = 0x7ffe994f1d50", 24)      = 24';
    expect(norm([line])).toEqual(['write(1, "f(x)    = 0x7ffe994f1d50", 24) = 24']);
  });

  it('keeps errno names and the unknown-syscall spelling', () => {
    const host = '25001 syscall_0x2710(0x1, 0x2, 0x3, 0x4, 0x5, 0x6) = -1 ENOSYS (Function not implemented)';
    expect(norm([host])).toEqual(['syscall_0x2710(0x1, 0x2, 0x3, 0x4, 0x5, 0x6) = -1 ENOSYS (Function not implemented)']);
    expect(norm(['write(1, 0x1000, 5)               = -1 EFAULT (Bad address)'])).toEqual(['write(1, 0x1000, 5) = -1 EFAULT (Bad address)']);
  });

  it('drops "(core dumped)" and the 32-bit mode notice', () => {
    expect(norm(['7 +++ killed by SIGSEGV (core dumped) +++'])).toEqual(['+++ killed by SIGSEGV +++']);
    expect(norm(['[ Process PID=23 runs in 32 bit mode. ]', 'write(1, "x", 1) = 1'])).toEqual(['write(1, "x", 1) = 1']);
  });
});

describe('normalizeTrace: kernel-chosen values', () => {
  it('heap addresses become offsets from the first brk result', () => {
    // Host lines from brk-grow-shrink.s; the emulator's heap starts elsewhere.
    const host = [
      'brk(NULL)                         = 0x6489000',
      'brk(0x648d000)                    = 0x648d000',
      'brk(0x648a000)                    = 0x648a000',
      'brk(NULL)                         = 0x648a000',
    ];
    const emu = ['brk(NULL) = 0x405000', 'brk(0x409000) = 0x409000', 'brk(0x406000) = 0x406000', 'brk(NULL) = 0x406000'];
    expect(norm(host)).toEqual(['brk(NULL) = BRK', 'brk(BRK+0x4000) = BRK+0x4000', 'brk(BRK+0x1000) = BRK+0x1000', 'brk(NULL) = BRK+0x1000']);
    expect(norm(emu)).toEqual(norm(host));
    const grewWrong = ['brk(NULL) = 0x405000', 'brk(0x408000) = 0x408000'];
    expect(norm(grewWrong)).not.toEqual(norm(host).slice(0, 2));
  });

  it("brk's argument below the heap start is a negative offset", () => {
    const host = ['brk(NULL)                         = 0x79e6000', 'brk(0x78e6000)                    = 0x79e6000'];
    const emu = ['brk(NULL) = 0x404000', 'brk(0x304000) = 0x404000'];
    expect(norm(host)).toEqual(['brk(NULL) = BRK', 'brk(BRK-0x100000) = BRK']);
    expect(norm(emu)).toEqual(norm(host));
  });

  it('a fault in the freed heap is named by its heap offset', () => {
    const host = ['brk(NULL)                         = 0x230b3000', '--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x230b4000} ---'];
    expect(norm(host)[1]).toBe('--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=BRK+0x1000} ---');
  });

  it('mappings are named MAPn in order, with offsets inside them', () => {
    // Host lines from mmap-munmap.s.
    const host = [
      'mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f24dd5a4000',
      'munmap(0x7f24dd5a4000, 8192)      = 0',
      '--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x7f24dd5a5388} ---',
    ];
    const emu = [
      'mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7ffff7ff8000',
      'munmap(0x7ffff7ff8000, 8192) = 0',
      '--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x7ffff7ff9388} ---',
    ];
    expect(norm(host)).toEqual([
      'mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = MAP1',
      'munmap(MAP1, 8192) = 0',
      '--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=MAP1+0x1388} ---',
    ]);
    expect(norm(emu)).toEqual(norm(host));
    const offByOnePage = [...emu.slice(0, 2), '--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x7ffff7ffa388} ---'];
    expect(norm(offByOnePage)).not.toEqual(norm(host));
  });

  it('a second mapping is MAP2 even when it lands below the first', () => {
    const lines = [
      'mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f0000002000',
      'mmap(NULL, 100, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f0000001000',
      'mprotect(0x7f0000001000, 4096, PROT_NONE) = 0',
    ];
    expect(norm(lines).map((l) => l.split(' = ')[1] ?? l)).toEqual(['MAP1', 'MAP2', '0']);
    expect(norm(lines)[2]).toBe('mprotect(MAP2, 4096, PROT_NONE) = 0');
  });

  it('failed mmaps name nothing', () => {
    const lines = ['mmap(NULL, 0, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = -1 EINVAL (Invalid argument)'];
    expect(norm(lines)).toEqual(lines);
  });

  it('other top-of-user-half addresses (stack) become 0xADDR; image addresses stay unless hidden', () => {
    const host = [
      '--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_ACCERR, si_addr=0x7ffc9a71dc28} ---',
      'ioctl(1, TCGETS, 0x403007)        = -1 ENOTTY (Inappropriate ioctl for device)',
    ];
    expect(norm(host)).toEqual([
      '--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_ACCERR, si_addr=0xADDR} ---',
      'ioctl(1, TCGETS, 0x403007) = -1 ENOTTY (Inappropriate ioctl for device)',
    ]);
    expect(norm(host, true)[1]).toBe('ioctl(1, TCGETS, 0xIMAGE) = -1 ENOTTY (Inappropriate ioctl for device)');
    // Kernel-half and non-image fixed addresses are the program's choice: kept.
    const kernelHalf = '--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0xffff800000001000} ---';
    expect(norm([kernelHalf], true)).toEqual([kernelHalf]);
    expect(norm(['munmap(0x10000001, 4096)          = -1 EINVAL (Invalid argument)'], true)).toEqual(['munmap(0x10000001, 4096) = -1 EINVAL (Invalid argument)']);
  });

  it('pids, uids, clock readings and the host name', () => {
    const host = [
      'getpid()                          = 25155',
      'gettid()                          = 25155',
      'getppid()                         = 25152',
      'set_tid_address(0x403018)         = 27400',
      'getuid()                          = 0',
      'geteuid()                         = 0',
      'clock_gettime(CLOCK_MONOTONIC, {tv_sec=884, tv_nsec=741028358}) = 0',
      'gettimeofday({tv_sec=1795751713, tv_usec=865264}, NULL) = 0',
      'uname({sysname="Linux", nodename="vm", ...}) = 0',
      'nanosleep({tv_sec=0, tv_nsec=1000000}, NULL) = 0',
    ];
    const emu = [
      'getpid() = 1',
      'gettid() = 1',
      'getppid() = 0',
      'set_tid_address(0x403018) = 1',
      'getuid() = 1000',
      'geteuid() = 1000',
      'clock_gettime(CLOCK_MONOTONIC, {tv_sec=0, tv_nsec=1200}) = 0',
      'gettimeofday({tv_sec=1700000000, tv_usec=5}, NULL) = 0',
      'uname({sysname="Linux", nodename="syscall-lab", ...}) = 0',
      'nanosleep({tv_sec=0, tv_nsec=1000000}, NULL) = 0',
    ];
    expect(norm(emu)).toEqual(norm(host));
    expect(norm(host)[9]).toBe('nanosleep({tv_sec=0, tv_nsec=1000000}, NULL) = 0');
    // The sleep the program asked for is input, not a reading: a different one differs.
    expect(norm(['nanosleep({tv_sec=0, tv_nsec=2000000}, NULL) = 0'])).not.toEqual(norm([host[9] as string]));
    // A wrong fd is never normalized away.
    expect(norm(['write(2, "x", 1) = 1'])).not.toEqual(norm(['write(1, "x", 1)                  = 1']));
  });

  it("hides the thread id clone stores at parent_tid, as it hides clone's result", () => {
    // Linux 6.18 under strace -f, c-runtime/errno-threads.c.
    const host = 'clone(child_stack=0x4072b0, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, parent_tid=[10866], tls=0x403280, child_tidptr=0x403210) = 10866';
    expect(norm([host])).toEqual([host.replace('[10866]', '[PID]').replace(/10866$/, 'PID')]);
    expect(norm([host.replace(/10866/g, '101')])).toEqual(norm([host]));
    expect(norm([host.replace('tls=0x403280', 'tls=0x403290')])).not.toEqual(norm([host]));
  });

  it('hides addresses anywhere the randomised mmap base can put them, down to 1 TiB below the stack', () => {
    // A static PIE under Linux 6.18 ASLR, loaded in the mmap region below 0x7f0000000000.
    expect(norm(['arch_prctl(ARCH_SET_FS, 0x7efcd2b6b658) = 0'])).toEqual(['arch_prctl(ARCH_SET_FS, 0xADDR) = 0']);
    expect(norm(['arch_prctl(ARCH_SET_FS, 0x7f396c471658) = 0'])).toEqual(['arch_prctl(ARCH_SET_FS, 0xADDR) = 0']);
    expect(norm(['arch_prctl(ARCH_SET_FS, 0x5621683486) = 0'])).toEqual(['arch_prctl(ARCH_SET_FS, 0x5621683486) = 0']);
  });

  it('hides the time left that an interrupted nanosleep reports, not the time asked for', () => {
    // Linux 6.18 under strace (a 10 s sleep cut by alarm(1)) and the emulator's line.
    const host = 'nanosleep({tv_sec=10, tv_nsec=0}, {tv_sec=8, tv_nsec=999987907}) = ? ERESTART_RESTARTBLOCK (Interrupted by signal)';
    const emu = 'nanosleep({tv_sec=10, tv_nsec=0}, {tv_sec=9, tv_nsec=20}) = ? ERESTART_RESTARTBLOCK (Interrupted by signal)';
    expect(norm([emu])).toEqual(norm([host]));
    expect(norm([host])).toEqual(['nanosleep({tv_sec=10, tv_nsec=0}, {tv_sec=N, tv_nsec=N}) = ? ERESTART_RESTARTBLOCK (Interrupted by signal)']);
    expect(norm(['nanosleep({tv_sec=5, tv_nsec=0}, {tv_sec=4, tv_nsec=1}) = ? ERESTART_RESTARTBLOCK (Interrupted by signal)'])).not.toEqual(norm([host]));
  });

  it("hides ppoll's time left and the timespec its restart re-reads, not the timeout asked for", () => {
    // Linux 6.18 under strace -f (k-ppoll-ready.s, k-ppoll-restart.s) and the emulator's lines.
    const host = [
      'ppoll([{fd=3, events=POLLIN}], 1, {tv_sec=1, tv_nsec=0}, [USR1], 8) = 1 ([{fd=3, revents=POLLIN}], left {tv_sec=0, tv_nsec=999998834})',
      'ppoll([{fd=3, events=POLLIN}], 1, {tv_sec=0, tv_nsec=200000000}, NULL, 8) = ? ERESTARTNOHAND (To be restarted if no handler)',
      'ppoll([{fd=3, events=POLLIN}], 1, {tv_sec=0, tv_nsec=176377244}, NULL, 8) = 0 (Timeout)',
    ];
    const emu = [
      'ppoll([{fd=3, events=POLLIN}], 1, {tv_sec=1, tv_nsec=0}, [USR1], 8) = 1 ([{fd=3, revents=POLLIN}], left {tv_sec=1, tv_nsec=0})',
      'ppoll([{fd=3, events=POLLIN}], 1, {tv_sec=0, tv_nsec=200000000}, NULL, 8) = ? ERESTARTNOHAND (To be restarted if no handler)',
      'ppoll([{fd=3, events=POLLIN}], 1, {tv_sec=0, tv_nsec=179996360}, NULL, 8) = 0 (Timeout)',
    ];
    expect(norm(emu)).toEqual(norm(host));
    expect(norm(host)[2]).toBe('ppoll([{fd=3, events=POLLIN}], 1, {tv_sec=N, tv_nsec=N}, NULL, 8) = 0 (Timeout)');
    // The timeout asked for (not a restart) stays, and so does a zero timeout's left.
    expect(norm([host[1] as string])).not.toEqual(norm([(host[1] as string).replace('200000000', '300000000')]));
    const zero = 'ppoll([{fd=3, events=POLLIN}], 1, {tv_sec=0, tv_nsec=0}, NULL, 8) = 1 ([{fd=3, revents=POLLIN}], left {tv_sec=0, tv_nsec=0})';
    expect(norm([zero])).toEqual([zero]);
  });
});

describe('normalizeTrace: processes, split calls and /proc/self/maps', () => {
  it('joins <unfinished ...> with its resume at the point the call returned', () => {
    // Host lines from k-fork-wait-status.s (strace -f -o, pid-prefixed).
    const host = [
      '21938 fork()                            = 21939',
      '21939 exit_group(42 <unfinished ...>',
      '21938 wait4(-1,  <unfinished ...>',
      '21939 <... exit_group resumed>)         = ?',
      '21939 +++ exited with 42 +++',
      '21938 <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 42}], 0, NULL) = 21939',
      '21938 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=21939, si_uid=0, si_status=42, si_utime=0, si_stime=0} ---',
    ];
    const emu = [
      'fork() = 101',
      'exit_group(42) = ?',
      '+++ exited with 42 +++',
      'wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 42}], 0, NULL) = 101',
      '--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=101, si_uid=1000, si_status=42, si_utime=3, si_stime=1} ---',
    ];
    expect(norm(host)).toEqual([
      'fork() = PID',
      'exit_group(42) = ?',
      '+++ exited with 42 +++',
      'wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 42}], 0, NULL) = PID',
      '--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=PID, si_uid=UID, si_status=42, si_utime=N, si_stime=N} ---',
    ]);
    expect(norm(emu)).toEqual(norm(host));
    // The child's status is the program's, not the kernel's choice.
    expect(norm([emu[3]?.replace('== 42', '== 43') ?? ''])).not.toEqual([norm(host)[3]]);
  });

  it('pairs halves by pid, so two processes in the same call do not mix', () => {
    const host = ['10 read(3,  <unfinished ...>', '11 read(5,  <unfinished ...>', '10 <... read resumed>"a", 1) = 1', '11 <... read resumed>"b", 1) = 1'];
    expect(norm(host)).toEqual(['read(3, "a", 1) = 1', 'read(5, "b", 1) = 1']);
  });

  it('a half whose partner never came stays as it was', () => {
    expect(norm(['7 pause( <unfinished ...>', '7 +++ killed by SIGKILL +++'])).toEqual(['pause( <unfinished ...>', '+++ killed by SIGKILL +++']);
  });

  it('pids in kill/tgkill/wait4 arguments and a sender in siginfo', () => {
    const host = [
      'kill(25155, SIGUSR1)              = 0',
      'tgkill(25155, 25155, SIGUSR2)     = 0',
      'wait4(25160, NULL, 0, NULL)       = 25160',
      '--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=25155, si_uid=0} ---',
    ];
    const emu = ['kill(1, SIGUSR1) = 0', 'tgkill(1, 1, SIGUSR2) = 0', 'wait4(2, NULL, 0, NULL) = 2', '--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=1, si_uid=1000} ---'];
    expect(norm(emu)).toEqual(norm(host));
    expect(norm(host)[0]).toBe('kill(PID, SIGUSR1) = 0');
    // wait4(-1) and a failed wait4 keep their values; the signal number never changes.
    expect(norm(['wait4(-1, NULL, 0, NULL) = -1 ECHILD (No child processes)'])).toEqual(['wait4(-1, NULL, 0, NULL) = -1 ECHILD (No child processes)']);
    expect(norm(['kill(1, SIGUSR2) = 0'])).not.toEqual([norm(host)[0]]);
  });

  it('reads of /proc/self/maps hide the layout text and its length, until the fd is closed', () => {
    // Host lines from k-proc-self-maps.s; the emulator has no [vdso]/[vvar] lines.
    const host = [
      'open("/proc/self/maps", O_RDONLY)  = 3',
      'read(3, "00400000-00401000 r--p 00000000 "..., 65535) = 861',
      'read(3, "", 64674)                = 0',
      'close(3)                          = 0',
      'read(3, "abc", 16)                = 3',
    ];
    const emu = ['open("/proc/self/maps", O_RDONLY) = 3', 'read(3, "00400000-00401000 r--p 00000000 "..., 65535) = 690', 'read(3, "", 64845) = 0', 'close(3) = 0', 'read(3, "abc", 16) = 3'];
    expect(norm(host)).toEqual(['open("/proc/self/maps", O_RDONLY) = 3', 'read(3, MAPS, SIZE) = LEN', 'read(3, "", SIZE) = 0', 'close(3) = 0', 'read(3, "abc", 16) = 3']);
    expect(norm(emu)).toEqual(norm(host));
    // Another file's reads are data and stay.
    expect(norm(['read(3, "00400000", 8) = 8'])).toEqual(['read(3, "00400000", 8) = 8']);
  });

  it('readv of /proc/self/maps (musl fread) keeps only the fd, the iovec count and end of file', () => {
    // Host lines from musl/memory-layout.c under strace; the emulator's text is shorter.
    const host = [
      'open("/proc/self/maps", O_RDONLY|O_LARGEFILE) = 3',
      'readv(3, [{iov_base="00400000-00401000 r--p 00000000 "..., iov_len=16382}, {iov_base="", iov_len=1024}], 2) = 1042',
      'readv(3, [{iov_base="", iov_len=15340}, {iov_base="", iov_len=1024}], 2) = 0',
    ];
    const emu = [
      'open("/proc/self/maps", O_RDONLY|O_LARGEFILE) = 3',
      'readv(3, [{iov_base="00400000-00401000 r--p 00000000 "..., iov_len=16382}, {iov_base="", iov_len=1024}], 2) = 930',
      'readv(3, [{iov_base="", iov_len=15452}, {iov_base="", iov_len=1024}], 2) = 0',
    ];
    expect(norm(host)).toEqual(['open("/proc/self/maps", O_RDONLY|O_LARGEFILE) = 3', 'readv(3, MAPS, 2) = LEN', 'readv(3, MAPS, 2) = 0']);
    expect(norm(emu)).toEqual(norm(host));
    // A readv of another fd is data and stays.
    expect(norm([host[1] as string])).toEqual([host[1]]);
  });

  it('reads of /proc/self/auxv hide the binary vector (host addresses and hwcaps)', () => {
    // Host lines from k-proc-self-auxv.s (strace 6.1 on Linux 6.18).
    const host = ['open("/proc/self/auxv", O_RDONLY) = 3', 'read(3, "\\x21\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\xc0\\x7b\\xf5\\xfc\\x7f\\x00\\x00"..., 4096) = 368', 'read(3, "", 3728) = 0', 'close(3) = 0'];
    const emu = ['open("/proc/self/auxv", O_RDONLY) = 3', 'read(3, "\\x21\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x10\\x2a\\xf0\\xff\\x7f\\x00\\x00"..., 4096) = 304', 'read(3, "", 3792) = 0', 'close(3) = 0'];
    expect(norm(host)).toEqual(['open("/proc/self/auxv", O_RDONLY) = 3', 'read(3, AUXV, SIZE) = LEN', 'read(3, "", SIZE) = 0', 'close(3) = 0']);
    expect(norm(emu)).toEqual(norm(host));
  });
});

describe('normalizeTrace on live native runs', () => {
  let dir = '';
  const runs = new Map<string, NativeRun[]>();
  const programs = ['brk-grow-shrink', 'mmap-munmap', 'stack-overflow', 'pid-consistency', 'k-fork-wait-status', 'k-kill-self-sync', 'k-proc-self-maps'];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'conformance-normalize-'));
    for (const name of programs) {
      const path = join(import.meta.dirname, 'x86_64', `${name}.s`);
      const spec = parseProgramHeader(name, readFileSync(path, 'utf8'));
      const built = await buildNative(path, name, dir);
      if (!built.ok) throw new Error(built.log);
      // Two runs: ASLR moves the heap, mappings and stack; pids advance.
      runs.set(name, [await runNative(spec, built.exe, dir), await runNative(spec, built.exe, dir)]);
    }
  }, 60_000);

  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  for (const name of programs) {
    it(`${name}: two runs normalize to the same trace, with no raw kernel-chosen values left`, () => {
      const [a, b] = runs.get(name) ?? [];
      if (!a || !b) throw new Error('runs missing');
      const na = norm(a.trace);
      expect(na).toEqual(norm(b.trace));
      expect(na.join('\n')).not.toMatch(/0x7f[0-9a-f]{10}|= \d{3,}$/m);
      expect(na.length).toBeGreaterThan(1);
    });
  }
});
