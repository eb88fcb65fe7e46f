// errno is per thread: a second thread (clone with CLONE_THREAD|CLONE_SETTLS, its own
// TLS area) fails an open with ENOENT while the first thread's errno keeps EBADF. Each
// thread's %fs:0 is its own thread pointer, so __errno_location() differs. The new
// thread sleeps 50 ms before acting (so clone's return in the main thread is traced
// first) and the main thread sleeps 200 ms while it runs and exits, so strace's order
// is fixed; the kernel then has cleared the tid word (CLONE_CHILD_CLEARTID).
// expect-stdout: main errno 9\nthread errno 2\nthread has its own thread pointer 1\nthread errno at its own address 1\nmain errno still 9\nthread gone, tid word cleared 1\n
// expect-exit: 0
// expect-trace: open("/no/such", O_RDONLY) = -1 ENOENT (No such file or directory)
#include "lab.h"

static char stack[16384] __attribute__((aligned(16)));
static char tls[RUNTIME_TLS_SIZE] __attribute__((aligned(64)));
static int tid;
static struct timespec nap = {0, 200000000};
static void *main_tp;
static int *main_errno;

static struct timespec short_nap = {0, 50000000};

static void worker(void *arg) {
  (void)arg;
  nanosleep(&short_nap, NULL);
  open("/no/such", O_RDONLY);
  say("thread errno", errno);
  say("thread has its own thread pointer", __thread_pointer() != main_tp);
  say("thread errno at its own address", __errno_location() != main_errno);
}

int main(void) {
  close(-1);
  say("main errno", errno);
  main_tp = __thread_pointer();
  main_errno = __errno_location();
  if (thread_spawn(worker, NULL, stack + sizeof stack, __tls_setup(tls), &tid) < 0) return 1;
  nanosleep(&nap, NULL);
  say("main errno still", errno);
  say("thread gone, tid word cleared", tid == 0);
  return 0;
}
