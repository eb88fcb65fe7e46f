// dup2 on arm64, whose kernel has only dup3: the runtime calls dup3(old, new, 0), and
// for old == new, which dup3 refuses with EINVAL, asks fcntl(F_GETFD) whether old is
// open and returns it, as dup2(2) specifies. A closed old gives EBADF either way.
// expect-stdout: dup2(1, 9) 9\nvia fd 9\ndup2(9, 9) 9\ndup2(42, 42) -1\nerrno EBADF 1\ndup2(42, 9) -1\nerrno EBADF 1\n
// expect-exit: 0
#include "../../../conformance/c-runtime/lab.h"

int main(void) {
  say("dup2(1, 9)", dup2(1, 9));
  write(9, "via fd 9\n", 9);
  say("dup2(9, 9)", dup2(9, 9));
  say("dup2(42, 42)", dup2(42, 42));
  say("errno EBADF", errno == EBADF);
  say("dup2(42, 9)", dup2(42, 9));
  say("errno EBADF", errno == EBADF);
  return 0;
}
