// Failing wrappers return -1 and leave the kernel's error in errno: EBADF, ENOENT, EFAULT
// (errno(3)); a successful call leaves errno alone.
// expect-stdout: close(99) -1\nerrno EBADF 1\nopen(/no/such) -1\nerrno ENOENT 1\nwrite(1, 8, 4) -1\nerrno EFAULT 1\ngetpid ok, errno still EFAULT 1\n
// expect-exit: 0
// expect-trace: close(99) = -1 EBADF (Bad file descriptor)
// expect-trace: open("/no/such", O_RDONLY) = -1 ENOENT (No such file or directory)
// expect-trace: write(1, 0x8, 4) = -1 EFAULT (Bad address)
#include "lab.h"

int main(void) {
  say("close(99)", close(99));
  say("errno EBADF", errno == EBADF);
  say("open(/no/such)", open("/no/such", O_RDONLY));
  say("errno ENOENT", errno == ENOENT);
  say("write(1, 8, 4)", write(1, (const void *)8, 4));
  say("errno EFAULT", errno == EFAULT);
  say("getpid ok, errno still EFAULT", getpid() > 0 && errno == EFAULT);
  return 0;
}
