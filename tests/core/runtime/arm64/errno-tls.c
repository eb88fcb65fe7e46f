// errno lives in this thread's TLS block, at a fixed offset from the thread pointer:
// on arm64 that is TPIDR_EL0 (read here with mrs, as compiled __thread code would),
// and the runtime keeps errno 16 bytes past it, just after the TCB (AArch64 TLS
// variant I). A failing close stores EBADF there; a successful call leaves it alone.
// expect-stdout: thread pointer is TPIDR_EL0 1\nerrno at TPIDR_EL0 + 16 1\nclose(-1) -1\nTLS word is EBADF 1\nerrno still EBADF after getpid 1\n
// expect-exit: 0
#include "../../../conformance/c-runtime/lab.h"

int main(void) {
  char *tp;
  __asm__ volatile("mrs %0, tpidr_el0" : "=r"(tp));
  say("thread pointer is TPIDR_EL0", __thread_pointer() == tp);
  say("errno at TPIDR_EL0 + 16", (char *)__errno_location() == tp + 16);
  say("close(-1)", close(-1));
  say("TLS word is EBADF", *(int *)(tp + 16) == EBADF);
  getpid();
  say("errno still EBADF after getpid", errno == EBADF);
  return 0;
}
