// poll on arm64 is ppoll underneath: the runtime turns the milliseconds into a
// timespec (1500 ms = {1, 500000000}) and a negative timeout into NULL, wait forever
// (poll(2) NOTES). An empty pipe times out after 30 ms (0); once a byte is in it, both
// a negative and a 1500 ms timeout return 1 at once. A bad fds pointer is EFAULT.
// expect-stdout: empty, 30 ms 0\nready, -1 ms 1\nready, 1500 ms 1\nrevents POLLIN 1\nbad pointer -1\nerrno EFAULT 1\n
// expect-exit: 0
#include "../../../conformance/c-runtime/lab.h"

int main(void) {
  int p[2];
  pipe(p);
  struct pollfd pf = {p[0], POLLIN, 0};
  say("empty, 30 ms", poll(&pf, 1, 30));
  write(p[1], "x", 1);
  say("ready, -1 ms", poll(&pf, 1, -1));
  say("ready, 1500 ms", poll(&pf, 1, 1500));
  say("revents POLLIN", pf.revents == POLLIN);
  say("bad pointer", poll((struct pollfd *)8, 1, 0));
  say("errno EFAULT", errno == EFAULT);
  return 0;
}
