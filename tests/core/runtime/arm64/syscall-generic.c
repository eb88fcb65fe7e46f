// syscall(2), the generic wrapper, with arm64's numbers (asm-generic/unistd.h): the
// number goes to x8 and every argument moves down one register, x6 (the seventh C
// argument) becoming the sixth kernel argument; the errno convention is the named
// wrappers', and an unknown number gives ENOSYS. The twin of the x86-64 program.
// expect-stdout: syscall(getpid) == getpid() 1\nok\nsyscall(write) 3\nsix-argument mmap ok 1\nmapping usable 1\nsyscall(1000) -1\nerrno ENOSYS 1\n
// expect-exit: 0
#include "../../../conformance/c-runtime/lab.h"

int main(void) {
  say("syscall(getpid) == getpid()", syscall(172) == getpid());
  long w = syscall(64, 1, "ok\n", 3);
  say("syscall(write)", w);
  char *m = (char *)syscall(222, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  say("six-argument mmap ok", m != MAP_FAILED);
  m[10] = 5;
  say("mapping usable", m[10] == 5);
  say("syscall(1000)", syscall(1000, 1, 2, 3, 4, 5, 6));
  say("errno ENOSYS", errno == ENOSYS);
  return 0;
}
