// fork/wait4 statuses: a child that returns 7 from main, one that calls _exit(0), and
// one killed by SIGKILL; WEXITSTATUS/WTERMSIG decode the wait status (wait(2)). Each
// child sleeps 50 ms first so strace's interleaving is fixed; wait4 with no children
// left fails with ECHILD.
// expect-stdout: child 1: exited 1\n  status 7\nchild 2: exited 1\n  status 0\nchild 3: signaled 1\n  signal 9\nwait4 with no children -1\nerrno ECHILD 1\n
// expect-exit: 0
// expect-trace: wait4(-1, NULL, 0, NULL) = -1 ECHILD (No child processes)
#include "lab.h"

static struct timespec nap = {0, 50000000};

static void report(int n, int status) {
  char label[] = "child 0: exited";
  label[6] = (char)('0' + n);
  if (WIFEXITED(status)) {
    say(label, WIFEXITED(status));
    say("  status", WEXITSTATUS(status));
  } else {
    memcpy(label + 9, "signaled", 9);
    say(label, WIFSIGNALED(status));
    say("  signal", WTERMSIG(status));
  }
}

static int child(int how) {
  nanosleep(&nap, NULL);
  if (how == 1) return 7;
  if (how == 2) _exit(0);
  kill(getpid(), SIGKILL);
  return 99;
}

int main(void) {
  for (int how = 1; how <= 3; how++) {
    pid_t pid = fork();
    if (pid == 0) exit(child(how));
    int status = 0;
    wait4(pid, &status, 0, NULL);
    report(how, status);
  }
  say("wait4 with no children", wait4(-1, NULL, 0, NULL));
  say("errno ECHILD", errno == ECHILD);
  return 0;
}
