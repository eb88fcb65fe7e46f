// Argument kinds for the syscalls the fixtures make: the same shape as the lead's
// syscall-table rows, written here independently so the test does not depend on
// the kernel table being finished.
import type { SysArgKind, SysRetKind } from '../../../core/trace/strace-format.js';

export const KINDS: Record<string, { args: SysArgKind[]; ret?: SysRetKind }> = {
  read: { args: ['fd', 'buf-out', 'size'] },
  write: { args: ['fd', { kind: 'buf-in', lenArg: 2 }, 'size'] },
  readv: { args: ['fd', 'iovec-out', 'int'] },
  writev: { args: ['fd', 'iovec-in', 'int'] },
  openat: { args: ['dirfd', 'path', 'open-flags', 'mode'] },
  close: { args: ['fd'] },
  lseek: { args: ['fd', 'off', 'whence'] },
  mmap: { args: ['ptr', 'size', 'prot', 'mmap-flags', 'fd', 'hex'], ret: 'hex' },
  mprotect: { args: ['ptr', 'size', 'prot'] },
  munmap: { args: ['ptr', 'size'] },
  brk: { args: ['ptr'], ret: 'hex' },
  rt_sigaction: { args: ['signal', 'sigaction-in', 'sigaction-out', 'size'] },
  rt_sigprocmask: { args: ['sigprocmask-how', 'sigset-in', 'sigset-out', 'size'] },
  clock_gettime: { args: ['clockid', 'timespec-out'] },
  nanosleep: { args: ['timespec-in', 'timespec-out'] },
  uname: { args: ['utsname-out'] },
  arch_prctl: { args: ['arch-prctl-code', 'arch-prctl-addr'] },
  fstat: { args: ['fd', 'stat-out'] },
  newfstatat: { args: ['dirfd', 'path', 'stat-out', 'at-flags'] },
  ioctl: { args: ['fd', 'ioctl-request', 'ioctl-arg'] },
  pipe2: { args: ['pipefd-out', 'fd-flags'] },
  poll: { args: ['pollfd', 'uint', 'int'] },
  ppoll: { args: ['pollfd', 'uint', 'timespec-inout', 'sigset-sized', 'size'] },
  setitimer: { args: ['itimer-which', 'itimerval', 'itimerval-out'] },
  getitimer: { args: ['itimer-which', 'itimerval-out'] },
  dup: { args: ['fd'] },
  dup2: { args: ['fd', 'fd'] },
  dup3: { args: ['fd', 'fd', 'fd-flags'] },
  kill: { args: ['int', 'signal'] },
  getpid: { args: [] },
  getppid: { args: [] },
  gettid: { args: [] },
  sched_yield: { args: [] },
  pause: { args: [] },
  set_tid_address: { args: ['tid-ptr'] },
  wait4: { args: ['int', 'wait-status-out', 'wait-options', 'rusage-out'] },
  clone: { args: ['clone-flags', 'ptr', 'ptr', 'ptr', 'ptr'] },
  exit_group: { args: ['int'], ret: 'noreturn' },
  exit: { args: ['int'], ret: 'noreturn' },
  alarm: { args: ['uint'] },
};
KINDS['tgkill'] = { args: ['int', 'int', 'signal'] };
KINDS['rt_sigreturn'] = { args: ['sigreturn-mask'] };
KINDS['getdents64'] = { args: ['fd', 'dirents-out', 'uint'] };
KINDS['rt_sigqueueinfo'] = { args: ['int', 'signal', 'siginfo-in'] };
KINDS['timer_settime'] = { args: ['int', 'int', 'itimerspec-in', 'itimerspec-out'] };
KINDS['getcwd'] = { args: ['cwd-out', 'size'] };
KINDS['fcntl'] = { args: ['fd', 'fcntl-cmd', 'fcntl-arg'] };
KINDS['prlimit64'] = { args: ['int', 'rlimit-resource', 'rlimit-in', 'rlimit-out'] };
KINDS['getrandom'] = { args: ['getrandom-buf', 'size', 'getrandom-flags'] };
KINDS['clock_nanosleep'] = { args: ['clockid', 'timer-flags', 'timespec-in', 'timespec-out'] };
KINDS['getrusage'] = { args: ['rusage-who', 'rusage-out'] };
KINDS['mkdir'] = { args: ['path', 'mode'] };
KINDS['chdir'] = { args: ['path'] };
KINDS['rmdir'] = { args: ['path'] };
KINDS['unlink'] = { args: ['path'] };
KINDS['pread64'] = { args: ['fd', 'buf-out', 'size', 'off'] };
KINDS['execve'] = { args: ['path', 'argv', 'envp'] };
KINDS['getuid'] = { args: [] };
KINDS['umask'] = { args: ['mode'], ret: 'octal' };
KINDS['access'] = { args: ['path', 'access-mode'] };
KINDS['faccessat'] = { args: ['dirfd', 'path', 'access-mode'] };
KINDS['readlink'] = { args: ['path', 'buf-out', 'size'] };
KINDS['sigaltstack'] = { args: ['stack-in', 'stack-out'] };
KINDS['madvise'] = { args: ['ptr', 'size', 'madvise-advice'] };
