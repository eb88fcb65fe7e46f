// errno lives in the thread's TLS block: %fs:0 holds the thread pointer itself (the
// x86-64 TLS ABI's self-pointer, set with arch_prctl(ARCH_SET_FS)), and errno sits at a
// fixed negative offset from it, where the wrapper's `mov %fs:-16` stores it.
// expect-stdout: fs:0 == thread pointer 1\nerrno offset from thread pointer -16\nerrno via fs:-16 == errno 1\nerrno after EBADF 9\nerrno written by hand 77\n
// expect-exit: 0
#include "lab.h"

int main(void) {
  void *fs0;
  __asm__ volatile("mov %%fs:0, %0" : "=r"(fs0));
  say("fs:0 == thread pointer", fs0 == __thread_pointer());
  say("errno offset from thread pointer", (char *)__errno_location() - (char *)fs0);
  close(-1);
  int direct;
  __asm__ volatile("movl %%fs:-16, %0" : "=r"(direct));
  say("errno via fs:-16 == errno", direct == errno);
  say("errno after EBADF", errno);
  errno = 77;
  __asm__ volatile("movl %%fs:-16, %0" : "=r"(direct));
  say("errno written by hand", direct);
  return 0;
}
