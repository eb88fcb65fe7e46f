// An EINTR-safe read loop: the SIGALRM handler is installed without SA_RESTART, so
// the blocked read fails with EINTR; the loop retries and then gets the bytes the
// handler wrote into the pipe (signal(7), "Interruption of system calls").
// expect-stdout: EINTR retries 1\nread 5 bytes: ready\n
// expect-exit: 0
// expect-trace: --- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int fds[2];

static void on_alarm(int sig) {
  (void)sig;
  write(fds[1], "ready", 5);
}

static ssize_t read_retry(int fd, void *buf, size_t n, int *retries) {
  ssize_t r;
  while ((r = read(fd, buf, n)) < 0 && errno == EINTR) ++*retries;
  return r;
}

int main(void) {
  if (pipe(fds) != 0) return 1;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;
  sigaction(SIGALRM, &sa, NULL);
  alarm(1);
  char buf[16];
  int retries = 0;
  ssize_t r = read_retry(fds[0], buf, sizeof buf, &retries);
  printf("EINTR retries %d\nread %zd bytes: %.*s\n", retries, r, (int)r, buf);
  return 0;
}
