// A blocked signal waits: with SIGUSR1 in the mask, kill() to oneself leaves it
// pending and the handler does not run; unblocking delivers it before sigprocmask
// returns (signal(7), "Signal mask and pending signals"). The old mask comes back in
// the third argument.
// expect-stdout: after kill, handler ran 0\nold mask had SIGUSR1 1\nafter unblock, handler ran 1\n
// expect-exit: 0
// expect-trace: rt_sigprocmask(SIG_UNBLOCK, [USR1], [USR1], 8) = 0
#include "lab.h"

static volatile int ran;
static void on_usr1(int sig) { ran = sig == SIGUSR1; }

int main(void) {
  struct sigaction sa = {0};
  sa.sa_handler = on_usr1;
  sigaction(SIGUSR1, &sa, NULL);
  sigset_t block = SIGMASK(SIGUSR1), old = 0;
  sigprocmask(SIG_BLOCK, &block, NULL);
  kill(getpid(), SIGUSR1);
  say("after kill, handler ran", ran);
  sigprocmask(SIG_UNBLOCK, &block, &old);
  say("old mask had SIGUSR1", (old & SIGMASK(SIGUSR1)) != 0);
  say("after unblock, handler ran", ran);
  return 0;
}
