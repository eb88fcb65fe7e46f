// A handler installed without SA_RESTART: alarm(1) interrupts a read of an empty pipe,
// which fails with EINTR after the handler ran (signal(7), "Interruption of system calls").
// expect-stdout: handler ran for signal 14\nread -1\nerrno EINTR 1\n
// expect-exit: 0
// expect-trace: --- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---
#include "lab.h"

static volatile int got;
static char buf[16];

static void on_alarm(int sig) { got = sig; }

int main(void) {
  int fds[2];
  pipe(fds);
  struct sigaction sa = {0};
  sa.sa_handler = on_alarm;
  sigaction(SIGALRM, &sa, NULL);
  alarm(1);
  long r = read(fds[0], buf, sizeof buf);
  say("handler ran for signal", got);
  say("read", r);
  say("errno EINTR", errno == EINTR);
  return 0;
}
