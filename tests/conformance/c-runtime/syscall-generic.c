// syscall(2), the generic wrapper: the number first, then up to six arguments shifted
// into the kernel's registers (the sixth from the stack); the errno convention is the
// same as the named wrappers', and an unknown number gives ENOSYS.
// expect-stdout: syscall(getpid) == getpid() 1\nok\nsyscall(write) 3\nsix-argument mmap ok 1\nmapping usable 1\nsyscall(1000) -1\nerrno ENOSYS 1\n
// expect-exit: 0
// expect-trace: syscall_0x3e8(0x1, 0x2, 0x3, 0x4, 0x5, 0x6) = -1 ENOSYS (Function not implemented)
#include "lab.h"

int main(void) {
  say("syscall(getpid) == getpid()", syscall(39) == getpid());
  long w = syscall(1, 1, "ok\n", 3);
  say("syscall(write)", w);
  char *m = (char *)syscall(9, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  say("six-argument mmap ok", m != MAP_FAILED);
  m[10] = 5;
  say("mapping usable", m[10] == 5);
  say("syscall(1000)", syscall(1000, 1, 2, 3, 4, 5, 6));
  say("errno ENOSYS", errno == ENOSYS);
  return 0;
}
