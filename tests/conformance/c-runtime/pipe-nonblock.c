// Pipes: a blocking pipe carries bytes in order and reads 0 at end of file once the
// write end is closed; an O_NONBLOCK pipe answers an empty read with EAGAIN instead of
// blocking (pipe(7)); a write with no reader left fails with EPIPE once SIGPIPE is
// ignored.
// expect-stdout: write 5\nread 5: hello\nread after close 0\npipe2 O_NONBLOCK 0\nempty read -1\nerrno EAGAIN 1\nwrite with no reader -1\nerrno EPIPE 1\n
// expect-exit: 0
// expect-trace: write(5, "x", 1) = -1 EPIPE (Broken pipe)
// expect-trace: pipe2([4, 5], O_NONBLOCK) = 0
// expect-trace: read(4, 0x4, 4) = -1 EAGAIN (Resource temporarily unavailable)
#include "lab.h"

static char buf[16];

int main(void) {
  int p[2];
  pipe(p);
  say("write", write(p[1], "hello", 5));
  long r = read(p[0], buf, sizeof buf);
  buf[r] = 0;
  write(1, "read 5: ", 8);
  line(buf);
  close(p[1]);
  say("read after close", read(p[0], buf, sizeof buf));
  int q[2];
  say("pipe2 O_NONBLOCK", pipe2(q, O_NONBLOCK));
  say("empty read", read(q[0], (void *)4, 4));
  say("errno EAGAIN", errno == EAGAIN);
  struct sigaction sa = {0};
  sa.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &sa, NULL);
  close(q[0]);
  say("write with no reader", write(q[1], "x", 1));
  say("errno EPIPE", errno == EPIPE);
  return 0;
}
