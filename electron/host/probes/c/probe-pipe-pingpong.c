/* pipe-pingpong: lmbench lat_ctx style. Two processes pass one byte back and
 * forth over two pipes; each round trip is two context switches (there and
 * back), so the per-switch figure is round trip / 2 and includes one pipe
 * write + read per switch. Run pinned to one CPU (true switches) and to two
 * CPUs (cross-CPU wake-ups, no switch on a busy CPU). */
#include "probe.h"

#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

struct link {
  int to_child;   /* parent writes */
  int from_child; /* parent reads */
};

static void op_roundtrip(void *ctx) {
  struct link *l = ctx;
  char c = 'p';
  if (write(l->to_child, &c, 1) != 1 || read(l->from_child, &c, 1) != 1) _exit(4);
}

/* Baseline without a partner: write then read the same pipe in one process. */
static void op_self(void *ctx) {
  int *fds = ctx;
  char c = 's';
  if (write(fds[1], &c, 1) != 1 || read(fds[0], &c, 1) != 1) _exit(4);
}

static void echo_child(int in, int out, int cpu) {
  if (cpu >= 0) pin_to_cpu(cpu);
  char c;
  while (read(in, &c, 1) == 1)
    if (write(out, &c, 1) != 1) break;
  _exit(0); /* EOF: the parent closed its end (or died) */
}

static void emit_half(const char *op, const struct timing *rt) {
  struct timing half = *rt;
  half.median_ns /= 2;
  half.p10_ns /= 2;
  half.p90_ns /= 2;
  half.overhead_ns /= 2;
  json_entry_begin(op);
  json_timing_fields(&half);
  json_field_str("note", "round trip / 2; includes one pipe write+read per switch");
  json_entry_end();
}

static int run_pair(const char *placement, int parent_cpu, int child_cpu) {
  int p2c[2], c2p[2];
  if (pipe(p2c) || pipe(c2p)) return -1;
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    close(p2c[1]);
    close(c2p[0]);
    echo_child(p2c[0], c2p[1], child_cpu);
  }
  close(p2c[0]);
  close(c2p[1]);
  cpu_set_t saved;
  sched_getaffinity(0, sizeof(saved), &saved);
  pin_to_cpu(parent_cpu);
  struct link l = {p2c[1], c2p[0]};
  struct timing t;
  measure(op_roundtrip, &l, &t);
  t.cpu_median_ns = 0; /* one side's CPU time says nothing about a round trip */
  sched_setaffinity(0, sizeof(saved), &saved);
  close(p2c[1]);
  close(c2p[0]);
  waitpid(pid, NULL, 0);
  char op[64];
  snprintf(op, sizeof(op), "pipe-roundtrip:%s", placement);
  json_timing(op, &t);
  snprintf(op, sizeof(op), "pipe-switch:%s", placement);
  emit_half(op, &t);
  return 0;
}

int probe_pipe_pingpong(void) {
  int a = 0, b = 0;
  int ncpu = pick_cpus(&a, &b);
  json_begin("pipe-pingpong");
  progress(0, 3);
  int self[2];
  if (pipe(self) == 0) {
    struct timing t;
    measure(op_self, self, &t);
    json_timing("pipe-write-read:one-process", &t);
    close(self[0]);
    close(self[1]);
  }
  progress(1, 3);
  if (run_pair("same-cpu", a, a) != 0) json_unavailable("pipe-roundtrip:same-cpu", "fork or pipe failed");
  progress(2, 3);
  if (ncpu < 2) json_unavailable("pipe-roundtrip:two-cpus", "not available: only one CPU allowed for this process");
  else if (run_pair("two-cpus", a, b) != 0) json_unavailable("pipe-roundtrip:two-cpus", "fork or pipe failed");
  progress(3, 3);
  json_end();
  return 0;
}
