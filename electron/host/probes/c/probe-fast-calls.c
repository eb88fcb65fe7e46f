/* fast-calls: syscalls that never block and do almost no work. */
#include "probe.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

struct fds {
  int zero;
  int null;
};

/* Raw syscall(2) so no libc caching can hide the kernel entry (glibc cached
 * getpid before 2.25). */
static void op_getpid(void *ctx) { (void)ctx; syscall(SYS_getpid); }
static void op_getuid(void *ctx) { (void)ctx; syscall(SYS_getuid); }

static void op_read_zero(void *ctx) {
  char c;
  if (read(((struct fds *)ctx)->zero, &c, 1) != 1) _exit(4);
}

static void op_write_null(void *ctx) {
  static const char c = 'x';
  if (write(((struct fds *)ctx)->null, &c, 1) != 1) _exit(4);
}

int probe_fast_calls(void) {
  struct fds f = {open("/dev/zero", O_RDONLY), open("/dev/null", O_WRONLY)};
  if (f.zero < 0 || f.null < 0) {
    perror("open /dev/zero or /dev/null");
    return 1;
  }
  const struct {
    const char *op;
    probe_op fn;
  } rows[] = {
      {"getpid", op_getpid},
      {"getuid", op_getuid},
      {"read:/dev/zero:1", op_read_zero},
      {"write:/dev/null:1", op_write_null},
  };
  const int n = (int)(sizeof(rows) / sizeof(rows[0]));
  json_begin("fast-calls");
  for (int i = 0; i < n; i++) {
    struct timing t;
    progress(i, n);
    measure(rows[i].fn, &f, &t);
    json_timing(rows[i].op, &t);
  }
  progress(n, n);
  json_end();
  return 0;
}
