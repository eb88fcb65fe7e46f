// dup2 points stdout at a pipe, so the program's own say() lines land in the pipe;
// poll reports the pipe readable (POLLIN) and, once the write end is closed and the
// data drained, POLLHUP (poll(2)). Stdout is restored from a saved copy.
// expect-stdout: poll ready 1\nrevents POLLIN 1\nread back: into the pipe 1\nafter close: revents has POLLHUP 1\n
// expect-exit: 0
#include "lab.h"

static char buf[64];

int main(void) {
  int p[2];
  pipe(p);
  dup2(1, 10);
  dup2(p[1], 1);
  say("into the pipe", 1);
  dup2(10, 1);
  struct pollfd pf = {p[0], POLLIN, 0};
  say("poll ready", poll(&pf, 1, 0));
  say("revents POLLIN", pf.revents == POLLIN);
  long r = read(p[0], buf, sizeof buf);
  write(1, "read back: ", 11);
  write(1, buf, (size_t)r);
  close(p[1]);
  close(10);
  pf.revents = 0;
  poll(&pf, 1, 0);
  say("after close: revents has POLLHUP", (pf.revents & POLLHUP) != 0);
  return 0;
}
