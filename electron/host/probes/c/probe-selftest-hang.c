/* selftest-hang: a deliberately stuck probe for the runner's kill tests.
 * It forks a grandchild so the process group has more than one member, says
 * who they are on stderr, then both block forever. */
#include "probe.h"

#include <stdio.h>
#include <unistd.h>

int probe_selftest_hang(void) {
  progress(0, 1);
  pid_t child = fork();
  if (child == 0) {
    for (;;) pause();
  }
  fprintf(stderr, "pids %d %d\n", (int)getpid(), (int)child);
  fflush(stderr);
  for (;;) pause();
}
