/* Independent reference loops for bench/probes-vs-reference.ts.
 * Written apart from the probes on purpose: no calibration, no function
 * pointers, no empty-loop subtraction, a different clock
 * (CLOCK_MONOTONIC_RAW), a fixed count chosen by the caller, and the median
 * of 5 runs. Usage: reference-loops MODE COUNT -> prints "MEDIAN MIN CPU"
 * ns per op: wall-clock median and fastest run, and the median from process
 * CPU time (0 for the two-party ping-pongs, where it means nothing). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static double cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static double g_cpu_per_op;

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static void pin(int cpu) {
  cpu_set_t s;
  CPU_ZERO(&s);
  CPU_SET(cpu, &s);
  sched_setaffinity(0, sizeof s, &s);
}

static _Atomic int flag;
static long rounds;

static void *futex_partner(void *arg) {
  pin(*(int *)arg);
  for (long i = 0; i < rounds; i++) {
    while (atomic_load(&flag) != 1) syscall(SYS_futex, &flag, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
    atomic_store(&flag, 0);
    syscall(SYS_futex, &flag, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
  }
  return NULL;
}

/* One run of MODE over n operations; returns ns per operation. */
static double run(const char *mode, long n, int fd_file) {
  char buf[1 << 20];
  double t0, t1, c0 = 0, c1 = 0;
  if (!strcmp(mode, "getppid")) {
    t0 = now();
    c0 = cpu_now();
    for (long i = 0; i < n; i++) syscall(SYS_getppid);
    t1 = now();
    c1 = cpu_now();
  } else if (!strcmp(mode, "getpid")) {
    t0 = now();
    c0 = cpu_now();
    for (long i = 0; i < n; i++) syscall(SYS_getpid);
    t1 = now();
    c1 = cpu_now();
  } else if (!strcmp(mode, "getuid")) {
    t0 = now();
    c0 = cpu_now();
    for (long i = 0; i < n; i++) syscall(SYS_getuid);
    t1 = now();
    c1 = cpu_now();
  } else if (!strcmp(mode, "read-zero")) {
    int fd = open("/dev/zero", O_RDONLY);
    t0 = now();
    c0 = cpu_now();
    for (long i = 0; i < n; i++) read(fd, buf, 1);
    t1 = now();
    c1 = cpu_now();
    close(fd);
  } else if (!strcmp(mode, "write-null")) {
    int fd = open("/dev/null", O_WRONLY);
    t0 = now();
    c0 = cpu_now();
    for (long i = 0; i < n; i++) write(fd, buf, 1);
    t1 = now();
    c1 = cpu_now();
    close(fd);
  } else if (!strcmp(mode, "clock-vdso") || !strcmp(mode, "clock-syscall") || !strcmp(mode, "gettimeofday")) {
    struct timespec ts;
    struct timeval tv;
    int which = mode[6] == 'v' ? 0 : mode[6] == 's' ? 1 : 2;
    t0 = now();
    c0 = cpu_now();
    for (long i = 0; i < n; i++) {
      if (which == 0) clock_gettime(CLOCK_MONOTONIC, &ts);
      else if (which == 1) syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
      else gettimeofday(&tv, NULL);
      __asm__ volatile("" ::: "memory");
    }
    t1 = now();
    c1 = cpu_now();
  } else if (!strncmp(mode, "pread:", 6)) {
    /* pread(2) walks the same vfs_read path as read(2), with no rewind. */
    long size = atol(mode + 6), off = 0, file = 8 << 20;
    t0 = now();
    c0 = cpu_now();
    for (long i = 0; i < n; i++) {
      if (off + size > file) off = 0;
      pread(fd_file, buf, size, off);
      off += size;
    }
    t1 = now();
    c1 = cpu_now();
  } else if (!strcmp(mode, "pipe-two-cpus") || !strcmp(mode, "pipe-same-cpu")) {
    int a[2], b[2];
    char c = 0;
    pipe(a);
    pipe(b);
    int other = !strcmp(mode, "pipe-two-cpus") ? 1 : 0;
    pid_t pid = fork();
    if (pid == 0) {
      pin(other);
      for (long i = 0; i < n; i++) {
        read(a[0], &c, 1);
        write(b[1], &c, 1);
      }
      _exit(0);
    }
    pin(0);
    t0 = now();
    c0 = cpu_now();
    for (long i = 0; i < n; i++) {
      write(a[1], &c, 1);
      read(b[0], &c, 1);
    }
    t1 = now();
    c1 = cpu_now();
    waitpid(pid, NULL, 0);
    close(a[0]); close(a[1]); close(b[0]); close(b[1]);
  } else if (!strcmp(mode, "futex-two-cpus") || !strcmp(mode, "futex-same-cpu")) {
    pthread_t th;
    int other = !strcmp(mode, "futex-two-cpus") ? 1 : 0;
    rounds = n;
    atomic_store(&flag, 0);
    pin(0);
    pthread_create(&th, NULL, futex_partner, &other);
    t0 = now();
    c0 = cpu_now();
    for (long i = 0; i < n; i++) {
      atomic_store(&flag, 1);
      syscall(SYS_futex, &flag, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
      while (atomic_load(&flag) != 0) syscall(SYS_futex, &flag, FUTEX_WAIT_PRIVATE, 1, NULL, NULL, 0);
    }
    t1 = now();
    c1 = cpu_now();
    pthread_join(th, NULL);
  } else if (!strcmp(mode, "int80") || !strcmp(mode, "syscall-insn")) {
#if defined(__x86_64__)
    long r, nr = mode[0] == 'i' ? 20 : 39;
    t0 = now();
    c0 = cpu_now();
    if (nr == 20)
      for (long i = 0; i < n; i++) __asm__ volatile("int $0x80" : "=a"(r) : "a"(nr) : "r8", "r9", "r10", "r11", "memory");
    else
      for (long i = 0; i < n; i++) __asm__ volatile("syscall" : "=a"(r) : "a"(nr) : "rcx", "r11", "memory");
    t1 = now();
    c1 = cpu_now();
#else
    return -1;
#endif
  } else if (!strcmp(mode, "fault-write") || !strcmp(mode, "fault-read")) {
    /* n pages; ns per counted minor fault, including the loop (not subtracted). */
    struct rusage r0, r1;
    long pg = sysconf(_SC_PAGESIZE);
    volatile char *p = mmap(NULL, n * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    madvise((void *)p, n * pg, MADV_NOHUGEPAGE);
    char s = 0;
    getrusage(RUSAGE_SELF, &r0);
    t0 = now();
    c0 = cpu_now();
    for (long i = 0; i < n; i++) {
      if (mode[6] == 'w') p[i * pg] = 1;
      else s += p[i * pg];
    }
    t1 = now();
    c1 = cpu_now();
    getrusage(RUSAGE_SELF, &r1);
    munmap((void *)p, n * pg);
    (void)s;
    long faults = r1.ru_minflt - r0.ru_minflt;
    g_cpu_per_op = (c1 - c0) / (faults > 0 ? faults : 1);
    return (t1 - t0) / (faults > 0 ? faults : 1);
  } else {
    fprintf(stderr, "unknown mode %s\n", mode);
    exit(2);
  }
  /* One party's CPU time is not a round-trip figure. */
  g_cpu_per_op = (strstr(mode, "-cpu") ? 0 : (c1 - c0) / n);
  return (t1 - t0) / n;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: reference-loops MODE COUNT\n");
    return 2;
  }
  long n = atol(argv[2]);
  int fd_file = -1;
  if (!strncmp(argv[1], "pread:", 6)) {
    char path[] = "/tmp/syscall-lab-ref-XXXXXX";
    static char chunk[1 << 20];
    fd_file = mkstemp(path);
    unlink(path);
    memset(chunk, 'r', sizeof chunk);
    for (int i = 0; i < 8; i++) write(fd_file, chunk, sizeof chunk);
    for (int i = 0; i < 8; i++) pread(fd_file, chunk, sizeof chunk, (off_t)i << 20);
  }
  double runs[5], cpu[5];
  run(argv[1], n / 10 + 1, fd_file); /* warm-up */
  for (int i = 0; i < 5; i++) {
    runs[i] = run(argv[1], n, fd_file);
    cpu[i] = g_cpu_per_op;
  }
  qsort(runs, 5, sizeof(double), cmp);
  qsort(cpu, 5, sizeof(double), cmp);
  printf("%.3f %.3f %.3f\n", runs[2], runs[0], cpu[2]);
  return 0;
}
