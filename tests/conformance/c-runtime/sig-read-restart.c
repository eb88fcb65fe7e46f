// The same read with SA_RESTART: the kernel restarts it after the handler, and the
// handler's own write into the pipe is what the restarted read returns.
// expect-stdout: read 6 bytes: ticked\n
// expect-exit: 0
// expect-trace: read(3, "ticked", 16) = 6
#include "lab.h"

static int fds[2];
static char buf[16];

static void on_alarm(int sig) {
  (void)sig;
  write(fds[1], "ticked", 6);
}

int main(void) {
  pipe(fds);
  struct sigaction sa = {0};
  sa.sa_handler = on_alarm;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGALRM, &sa, NULL);
  alarm(1);
  long r = read(fds[0], buf, sizeof buf);
  buf[r] = 0;
  write(1, "read 6 bytes: ", 14);
  line(buf);
  return r == 6 ? 0 : 1;
}
