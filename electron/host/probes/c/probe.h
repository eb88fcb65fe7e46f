/* Shared declarations for the native syscall probes.
 * One binary, one subcommand per probe (main.c dispatches); each probe lives
 * in its own probe-<name>.c file. Results go to stdout as one JSON object,
 * progress lines ("progress D/T") go to stderr. */
#ifndef SYSCALL_LAB_PROBE_H
#define SYSCALL_LAB_PROBE_H

#include <stddef.h>
#include <stdint.h>

/* One operation under test. Called once per iteration by the harness. */
typedef void (*probe_op)(void *ctx);

struct timing {
  double median_ns; /* per operation, empty-loop overhead subtracted */
  double p10_ns;
  double p90_ns;
  uint64_t iterations; /* per repeat */
  int repeats;
  double overhead_ns; /* the empty loop's median per iteration */
  double cpu_median_ns; /* the same from process CPU time; 0: not meaningful (ping-pong) */
};

struct probe_config {
  int repeats;        /* k, at least 7 */
  double min_repeat_ms; /* calibrate so one repeat lasts at least this long */
  int aslr_runs;      /* unused in C; kept for symmetry with the TS runner */
};

extern struct probe_config g_config;

/* harness.c */
uint64_t now_ns(void);
uint64_t cpu_ns(void);
void measure(probe_op op, void *ctx, struct timing *out);
/* Time `repeats` runs of a caller-made batch; per_op[i] already per operation. */
void summarize(double *per_op, int n, struct timing *out);
uint64_t calibrate_iterations(probe_op op, void *ctx);
int pin_to_cpu(int cpu);           /* 0 on success */
int pick_cpus(int *first, int *second); /* number of allowed CPUs found (0..2) */
void progress(int done, int total);

/* json-out.c */
void json_begin(const char *probe);
void json_end(void);
void json_entry_begin(const char *op);     /* opens {"op":...  */
void json_field_str(const char *key, const char *value);
void json_field_num(const char *key, double value);
void json_field_int(const char *key, long long value);
void json_field_bool(const char *key, int value);
void json_field_raw(const char *key, const char *raw_json);
void json_entry_end(void);
void json_timing(const char *op, const struct timing *t);
void json_timing_fields(const struct timing *t); /* inside an open entry */
void json_unavailable(const char *op, const char *why);
void json_string(const char *s); /* writes a quoted, escaped JSON string */

/* One probe: returns the process exit status. */
typedef int (*probe_main)(void);

int probe_null_syscall(void);
int probe_fast_calls(void);
int probe_vdso_clock(void);
int probe_read_sweep(void);
int probe_pipe_pingpong(void);
int probe_futex_pingpong(void);
int probe_int80(void);
int probe_page_fault(void);
int probe_maps(void);
int probe_eintr_matrix(void);
int probe_selftest_hang(void);

#endif
