/* null-syscall: the cheapest real kernel entry, getppid(2) through syscall(2).
 * getppid does no work beyond reading current->real_parent, so the figure is
 * the entry/exit path itself (the same call `perf bench syscall basic` uses). */
#include "probe.h"

#include <sys/syscall.h>
#include <unistd.h>

static void op_getppid(void *ctx) {
  (void)ctx;
  syscall(SYS_getppid);
}

int probe_null_syscall(void) {
  struct timing t;
  json_begin("null-syscall");
  progress(0, 1);
  measure(op_getppid, NULL, &t);
  json_timing("getppid", &t);
  progress(1, 1);
  json_end();
  return 0;
}
