// A handler installed with sigaction and no SA_RESTORER returns normally: arm64 needs
// no trampoline of the program's own, because the kernel points the handler's return
// address (x30) at the vDSO's __kernel_rt_sigreturn, which makes the rt_sigreturn call
// (qemu-user supplies its own). Each kill runs the handler once, then main goes on with
// its registers intact; reading the action back shows the flags unchanged.
// expect-stdout: handler calls 1\nhandler calls 2\nlocal survived 1\nold handler is ours 1\nold flags 0\n
// expect-exit: 0
#include "../../../conformance/c-runtime/lab.h"

static volatile int calls;

static void on_usr1(int sig) {
  if (sig == SIGUSR1) calls++;
}

int main(void) {
  struct sigaction sa = {0}, old = {0};
  sa.sa_handler = on_usr1;
  sigaction(SIGUSR1, &sa, NULL);
  volatile long local = 12345;
  kill(getpid(), SIGUSR1);
  say("handler calls", calls);
  kill(getpid(), SIGUSR1);
  say("handler calls", calls);
  say("local survived", local == 12345);
  sigaction(SIGUSR1, NULL, &old);
  say("old handler is ours", old.sa_handler == on_usr1);
  say("old flags", (long)old.sa_flags);
  return 0;
}
