// nanosleep is never restarted by SA_RESTART: interrupted, it fails with EINTR and
// writes the time left into rem (nanosleep(2)). A 10 s sleep cut at about 1 s leaves
// more than 5 s.
// expect-stdout: nanosleep -1\nerrno EINTR 1\nrem between 5 and 10 s 1\n
// expect-exit: 0
#include "lab.h"

static void on_alarm(int sig) { (void)sig; }
static struct timespec req = {10, 0};
static struct timespec rem;

int main(void) {
  struct sigaction sa = {0};
  sa.sa_handler = on_alarm;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGALRM, &sa, NULL);
  alarm(1);
  say("nanosleep", nanosleep(&req, &rem));
  say("errno EINTR", errno == EINTR);
  say("rem between 5 and 10 s", rem.tv_sec >= 5 && rem.tv_sec < 10);
  return 0;
}
