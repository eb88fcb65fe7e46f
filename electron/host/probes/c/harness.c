/* Timing harness: calibrate, warm up, k repeats, median with p10/p90,
 * empty-loop overhead subtracted. Same method for every timing probe. */
#include "probe.h"

#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct probe_config g_config = {11, 10.0, 20};

/* CLOCK_MONOTONIC goes through the vDSO on Linux (vdso(7)), so reading it
 * costs tens of ns: negligible against a repeat of >= 10 ms. */
uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* CPU time of the whole process (clock_gettime(2) CLOCK_PROCESS_CPUTIME_ID):
 * unlike the wall clock it stops while we are preempted, so on a busy host it
 * still shows what one operation costs. Reading it is a real syscall, but
 * only twice per >= 10 ms repeat. */
uint64_t cpu_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint64_t run_loop_cpu(probe_op op, void *ctx, uint64_t n, uint64_t *cpu) {
  uint64_t c0 = cpu_ns();
  uint64_t t0 = now_ns();
  for (uint64_t i = 0; i < n; i++) op(ctx);
  uint64_t dt = now_ns() - t0;
  *cpu = cpu_ns() - c0;
  return dt;
}

static uint64_t run_loop(probe_op op, void *ctx, uint64_t n) {
  uint64_t cpu;
  return run_loop_cpu(op, ctx, n, &cpu);
}

/* Double the count until one repeat lasts min_repeat_ms: long enough that
 * the clock's resolution and the two clock reads vanish in the total. */
uint64_t calibrate_iterations(probe_op op, void *ctx) {
  uint64_t target = (uint64_t)(g_config.min_repeat_ms * 1e6);
  uint64_t n = 1;
  for (;;) {
    uint64_t dt = run_loop(op, ctx, n);
    if (dt >= target) return n;
    if (dt < target / 64) n *= 8;
    else n = (uint64_t)((double)n * (double)target / (double)(dt ? dt : 1) * 1.1) + 1;
    if (n > (1ull << 40)) return n;
  }
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Nearest-rank percentile over a sorted array. */
static double percentile(const double *sorted, int n, double p) {
  int idx = (int)(p * (n - 1) + 0.5);
  if (idx < 0) idx = 0;
  if (idx >= n) idx = n - 1;
  return sorted[idx];
}

void summarize(double *per_op, int n, struct timing *out) {
  qsort(per_op, (size_t)n, sizeof(double), cmp_double);
  out->median_ns = n % 2 ? per_op[n / 2] : (per_op[n / 2 - 1] + per_op[n / 2]) / 2;
  out->p10_ns = percentile(per_op, n, 0.10);
  out->p90_ns = percentile(per_op, n, 0.90);
  out->repeats = n;
}

/* The empty operation goes through the same indirect call as a real one, so
 * subtracting it removes the loop and call overhead and nothing else. */
static void empty_op(void *ctx) {
  (void)ctx;
  __asm__ volatile("" ::: "memory");
}

static double median_of(const double *samples, int k) {
  double tmp[256];
  memcpy(tmp, samples, sizeof(double) * (size_t)k);
  qsort(tmp, (size_t)k, sizeof(double), cmp_double);
  return k % 2 ? tmp[k / 2] : (tmp[k / 2 - 1] + tmp[k / 2]) / 2;
}

/* Calibrate, warm up, then k timed repeats: per-op wall and CPU samples. */
static uint64_t measure_raw(probe_op op, void *ctx, double *samples, double *cpu_samples) {
  uint64_t n = calibrate_iterations(op, ctx);
  run_loop(op, ctx, n); /* warm-up: caches, TLB, branch predictors, CPU frequency */
  for (int r = 0; r < g_config.repeats; r++) {
    uint64_t cpu;
    samples[r] = (double)run_loop_cpu(op, ctx, n, &cpu) / (double)n;
    cpu_samples[r] = (double)cpu / (double)n;
  }
  return n;
}

static double g_overhead = -1, g_cpu_overhead = -1;

void measure(probe_op op, void *ctx, struct timing *out) {
  double samples[256], cpu[256];
  int k = g_config.repeats;
  if (g_overhead < 0) {
    measure_raw(empty_op, NULL, samples, cpu);
    g_overhead = median_of(samples, k);
    g_cpu_overhead = median_of(cpu, k);
  }
  uint64_t n = measure_raw(op, ctx, samples, cpu);
  for (int r = 0; r < k; r++) {
    samples[r] -= g_overhead;
    cpu[r] -= g_cpu_overhead;
  }
  summarize(samples, k, out);
  out->cpu_median_ns = median_of(cpu, k);
  out->iterations = n;
  out->overhead_ns = g_overhead;
}

int pin_to_cpu(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  return sched_setaffinity(0, sizeof(set), &set);
}

/* The first two CPUs this process may run on (cgroups/taskset may hide some). */
int pick_cpus(int *first, int *second) {
  cpu_set_t set;
  int found = 0;
  if (sched_getaffinity(0, sizeof(set), &set) != 0) return 0;
  for (int c = 0; c < CPU_SETSIZE && found < 2; c++) {
    if (!CPU_ISSET(c, &set)) continue;
    if (found == 0) *first = c;
    else *second = c;
    found++;
  }
  return found;
}

void progress(int done, int total) {
  fprintf(stderr, "progress %d/%d\n", done, total);
  fflush(stderr);
}
