/* vdso-clock: clock_gettime through the vDSO (no kernel entry, vdso(7)) vs the
 * same call forced through the syscall instruction, vs gettimeofday (also a
 * vDSO function on x86-64 and arm64). If the clocksource cannot be read from
 * user space (e.g. hpet, acpi_pm), the vDSO itself falls back to a syscall
 * and the first two figures converge. */
#include "probe.h"

#include <stddef.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static void op_vdso(void *ctx) {
  (void)ctx;
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  __asm__ volatile("" : : "r"(&ts) : "memory");
}

static void op_syscall(void *ctx) {
  (void)ctx;
  struct timespec ts;
  syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
  __asm__ volatile("" : : "r"(&ts) : "memory");
}

static void op_gettimeofday(void *ctx) {
  (void)ctx;
  struct timeval tv;
  gettimeofday(&tv, NULL);
  __asm__ volatile("" : : "r"(&tv) : "memory");
}

int probe_vdso_clock(void) {
  const struct {
    const char *op;
    probe_op fn;
  } rows[] = {
      {"clock_gettime:vdso", op_vdso},
      {"clock_gettime:syscall", op_syscall},
      {"gettimeofday", op_gettimeofday},
  };
  const int n = 3;
  json_begin("vdso-clock");
  for (int i = 0; i < n; i++) {
    struct timing t;
    progress(i, n);
    measure(rows[i].fn, NULL, &t);
    json_timing(rows[i].op, &t);
  }
  progress(n, n);
  json_end();
  return 0;
}
