/* futex-pingpong: two threads of one process hand a turn back and forth
 * through futex(2) FUTEX_WAIT/FUTEX_WAKE, never spinning, so every handoff
 * sleeps and wakes. Same address space: the switch skips the mm switch
 * (no CR3 / TTBR0 reload) that the pipe ping-pong between processes pays. */
#include "probe.h"

#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

struct court {
  _Atomic int turn; /* 0: main's turn, 1: partner's turn */
  _Atomic int stop;
  int partner_cpu;
};

static void futex_wait(_Atomic int *addr, int expected) {
  syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, expected, NULL, NULL, 0);
}

static void futex_wake(_Atomic int *addr) {
  syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static void *partner(void *arg) {
  struct court *c = arg;
  pin_to_cpu(c->partner_cpu); /* sched_setaffinity(0) applies to this thread */
  for (;;) {
    while (atomic_load(&c->turn) == 0) futex_wait(&c->turn, 0);
    if (atomic_load(&c->stop)) return NULL;
    atomic_store(&c->turn, 0);
    futex_wake(&c->turn);
  }
}

static void op_roundtrip(void *ctx) {
  struct court *c = ctx;
  atomic_store(&c->turn, 1);
  futex_wake(&c->turn);
  while (atomic_load(&c->turn) == 1) futex_wait(&c->turn, 1);
}

static int run_pair(const char *placement, int main_cpu, int partner_cpu) {
  struct court c = {0, 0, partner_cpu};
  pthread_t th;
  cpu_set_t saved;
  sched_getaffinity(0, sizeof(saved), &saved);
  pin_to_cpu(main_cpu);
  if (pthread_create(&th, NULL, partner, &c) != 0) return -1;
  struct timing t;
  measure(op_roundtrip, &c, &t);
  t.cpu_median_ns = 0; /* both threads' CPU time: not a round-trip figure */
  atomic_store(&c.stop, 1);
  atomic_store(&c.turn, 1);
  futex_wake(&c.turn);
  pthread_join(th, NULL);
  sched_setaffinity(0, sizeof(saved), &saved);
  char op[64];
  snprintf(op, sizeof(op), "futex-roundtrip:%s", placement);
  json_timing(op, &t);
  struct timing half = t;
  half.median_ns /= 2;
  half.p10_ns /= 2;
  half.p90_ns /= 2;
  half.overhead_ns /= 2;
  snprintf(op, sizeof(op), "futex-switch:%s", placement);
  json_entry_begin(op);
  json_timing_fields(&half);
  json_field_str("note", "round trip / 2; includes one FUTEX_WAKE+FUTEX_WAIT per switch");
  json_entry_end();
  return 0;
}

int probe_futex_pingpong(void) {
  int a = 0, b = 0;
  int ncpu = pick_cpus(&a, &b);
  json_begin("futex-pingpong");
  progress(0, 2);
  if (run_pair("same-cpu", a, a) != 0) json_unavailable("futex-roundtrip:same-cpu", "pthread_create failed");
  progress(1, 2);
  if (ncpu < 2) json_unavailable("futex-roundtrip:two-cpus", "not available: only one CPU allowed for this process");
  else if (run_pair("two-cpus", a, b) != 0) json_unavailable("futex-roundtrip:two-cpus", "pthread_create failed");
  progress(2, 2);
  json_end();
  return 0;
}
