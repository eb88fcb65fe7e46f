// runtime.h: the C declarations of everything the runtime exports, per architecture.
// Types are the kernel's layouts (struct sigaction, struct stat, sigset_t as one
// 64-bit word), not glibc's, since the wrappers hand them to the kernel unchanged.
// The two architectures differ in struct stat, in sigaction's restorer and in the
// build note (the calls arm64 lacks are made from others: syscall-wrappers-arm64.ts).

import type { Arch } from '../trace/events.js';
import { RUNTIME_WRAPPERS } from './syscall-wrappers.js';
import { TCB_SIZE, TLS_DATA_SIZE } from './tls-layout.js';

interface ArchHeaderParts {
  build: string;
  sigaction: string;
  stat: string;
}

const PARTS: Record<Arch, ArchHeaderParts> = {
  x86_64: {
    build: ' * Build: gcc -static -nostdlib -fno-builtin -fno-stack-protector -no-pie runtime.s prog.c\n',
    sigaction: `struct sigaction {                  /* the kernel's struct (arch/x86/include/uapi/asm/signal.h) */
  void (*sa_handler)(int);
  unsigned long sa_flags;
  void (*sa_restorer)(void);        /* set by sigaction() itself */
  sigset_t sa_mask;
};
`,
    stat: `struct stat {                       /* x86-64 struct stat (asm/stat.h), 144 bytes */
  unsigned long st_dev, st_ino, st_nlink;
  unsigned int st_mode, st_uid, st_gid, __pad0;
  unsigned long st_rdev;
  long st_size, st_blksize, st_blocks;
  unsigned long st_atime_, st_atime_nsec, st_mtime_, st_mtime_nsec, st_ctime_, st_ctime_nsec;
  long __unused[3];
};
`,
  },
  arm64: {
    build:
      ' * Build: aarch64-linux-gnu-gcc -static -nostdlib -fno-builtin -fno-stack-protector -no-pie runtime.s prog.c\n' +
      ' * arm64 has no open, pipe, dup2, fork, alarm, pause or poll call: the runtime makes them\n' +
      ' * from openat, pipe2, dup3, clone, setitimer, rt_sigsuspend and ppoll, as the C libraries do.\n',
    sigaction: `struct sigaction {                  /* the kernel's struct (include/uapi/asm-generic/signal.h) */
  void (*sa_handler)(int);
  unsigned long sa_flags;
  void (*sa_restorer)(void);        /* optional: without SA_RESTORER the vDSO's trampoline returns */
  sigset_t sa_mask;
};
`,
    stat: `struct stat {                       /* arm64 struct stat (asm-generic/stat.h), 128 bytes */
  unsigned long st_dev, st_ino;
  unsigned int st_mode, st_nlink, st_uid, st_gid;
  unsigned long st_rdev, __pad1;
  long st_size;
  int st_blksize, __pad2;
  long st_blocks;
  unsigned long st_atime_, st_atime_nsec, st_mtime_, st_mtime_nsec, st_ctime_, st_ctime_nsec;
  unsigned int __unused4, __unused5;
};
`,
  },
};

// Every wrapper's declaration, in the order the header lists them (both arches).
const DECLARATIONS = `ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int open(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int close(int fd);
off_t lseek(int fd, off_t off, int whence);
int fstat(int fd, struct stat *st);
void *brk(void *addr);              /* the raw call: returns the (new) break, never -1 */
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
pid_t getpid(void);
pid_t getppid(void);
int kill(pid_t pid, int sig);
int sigaction(int sig, const struct sigaction *act, struct sigaction *old);
int sigprocmask(int how, const sigset_t *set, sigset_t *old);
unsigned int alarm(unsigned int seconds);
int pause(void);
int nanosleep(const struct timespec *req, struct timespec *rem);
pid_t fork(void);
pid_t wait4(pid_t pid, int *status, int options, void *rusage);
int pipe(int fds[2]);
int pipe2(int fds[2], int flags);
int dup2(int oldfd, int newfd);
int execve(const char *path, char *const argv[], char *const envp[]);
int poll(struct pollfd *fds, unsigned long n, int timeout);
int fcntl(int fd, int cmd, ...);
int clock_gettime(clockid_t id, struct timespec *tp);
void exit_group(int status) __attribute__((noreturn));
long syscall(long nr, ...);
`;


/** runtime.h for arch. */
export function runtimeHeader(arch: Arch = 'x86_64'): string {
  const h = PARTS[arch];
  return `/* Syscall Lab guest runtime: _start, errno, atexit, system call wrappers.
${h.build} * Wrappers return -1 and set errno when the kernel answers -4095..-1. */
#ifndef SYSCALL_LAB_RUNTIME_H
#define SYSCALL_LAB_RUNTIME_H

typedef unsigned long size_t;
typedef long ssize_t;
typedef long off_t;
typedef int pid_t;
typedef unsigned long sigset_t;     /* the kernel's 64-signal mask */
typedef long time_t;
typedef int clockid_t;

#define NULL ((void *)0)

struct timespec { time_t tv_sec; long tv_nsec; };
struct pollfd { int fd; short events; short revents; };
${h.sigaction}${h.stat}
extern char **environ;
int *__errno_location(void);
#define errno (*__errno_location())
void *__thread_pointer(void);
#define RUNTIME_TLS_SIZE ${TLS_DATA_SIZE + TCB_SIZE}   /* bytes of one thread's TLS area (16-aligned) */
void *__tls_setup(void *area);      /* returns the thread pointer for a new thread */
int thread_spawn(void (*fn)(void *), void *arg, void *stack_top, void *tp, int *tid);

int atexit(void (*fn)(void));
void exit(int status) __attribute__((noreturn));
void _exit(int status) __attribute__((noreturn));
unsigned long getauxval(unsigned long type);

${DECLARATIONS}
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
long print_str(const char *s);
long print_num(long v);

#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EINTR 4
#define EBADF 9
#define ECHILD 10
#define EAGAIN 11
#define ENOMEM 12
#define EFAULT 14
#define EINVAL 22
#define EPIPE 32
#define ENOSYS 38

#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_CREAT 0100
#define O_TRUNC 01000
#define O_NONBLOCK 04000
#define O_CLOEXEC 02000000
#define AT_FDCWD (-100)
#define F_GETFL 3
#define F_SETFL 4
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

#define PROT_NONE 0
#define PROT_READ 1
#define PROT_WRITE 2
#define PROT_EXEC 4
#define MAP_SHARED 1
#define MAP_PRIVATE 2
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_FAILED ((void *)-1)

#define SIGHUP 1
#define SIGINT 2
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGCHLD 17
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000
#define SA_RESTART 0x10000000
#define SIG_DFL ((void (*)(int))0)
#define SIG_IGN ((void (*)(int))1)
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2
#define SIGMASK(sig) (1UL << ((sig) - 1))

#define WNOHANG 1
#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WTERMSIG(s) ((s) & 0x7f)
#define WIFEXITED(s) (WTERMSIG(s) == 0)
#define WIFSIGNALED(s) (((signed char)(((s) & 0x7f) + 1) >> 1) > 0)

#define POLLIN 1
#define POLLOUT 4
#define POLLHUP 0x10

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1

#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_EXECFN 31
#define AT_SYSINFO_EHDR 33

#endif
`;
}

/** The x86-64 header (runtimeHeader('x86_64')). */
export const RUNTIME_HEADER = runtimeHeader('x86_64');

/** The wrapper symbols runtime.h must declare (checked by the runtime's tests). */
export const HEADER_WRAPPER_SYMBOLS: readonly string[] = RUNTIME_WRAPPERS.map((w) => w.symbol);
