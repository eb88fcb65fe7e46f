/* page-fault: first touch of fresh anonymous pages. mmap(2) only reserves
 * the range; the first access to each page traps (#PF, SDM Vol 3A 4.7) and
 * the kernel allocates a zeroed frame (write) or maps the shared zero page
 * (read). getrusage(2) ru_minflt counts those minor faults, so the figure is
 * time per counted fault, not per page. Transparent huge pages are disabled
 * on the range (madvise MADV_NOHUGEPAGE) so each 4 KiB page faults once. */
#include "probe.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

/* One repeat, raw: the first-touch pass and the second pass over the same,
 * now present, pages (the loop itself), in wall and CPU time. */
struct fault_sample {
  double touch_ns, walk_ns;
  double cpu_touch_ns, cpu_walk_ns;
  long faults;
};

static long minflt(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_minflt;
}

/* One repeat: fault `pages` fresh pages in, then walk them again (already
 * present) to measure the loop itself. */
static int one_repeat(size_t pages, int write, struct fault_sample *out) {
  size_t psz = (size_t)sysconf(_SC_PAGESIZE);
  size_t len = pages * psz;
  volatile char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return -1;
#ifdef MADV_NOHUGEPAGE
  madvise((void *)p, len, MADV_NOHUGEPAGE);
#endif
  char sink = 0;
  long f0 = minflt();
  uint64_t c0 = cpu_ns();
  uint64_t t0 = now_ns();
  for (size_t i = 0; i < pages; i++) {
    if (write) p[i * psz] = 1;
    else sink ^= p[i * psz];
  }
  uint64_t t1 = now_ns();
  uint64_t c1 = cpu_ns();
  long f1 = minflt();
  for (size_t i = 0; i < pages; i++) {
    if (write) p[i * psz] = 2;
    else sink ^= p[i * psz];
  }
  uint64_t t2 = now_ns();
  uint64_t c2 = cpu_ns();
  __asm__ volatile("" : : "r"(sink));
  munmap((void *)p, len);
  out->faults = f1 - f0;
  out->touch_ns = (double)(t1 - t0);
  out->walk_ns = (double)(t2 - t1);
  /* c1..c2 also covers one getrusage call: tiny next to thousands of faults. */
  out->cpu_touch_ns = (double)(c1 - c0);
  out->cpu_walk_ns = (double)(c2 - c1);
  return 0;
}

static double median_copy(const double *xs, int k) {
  double tmp[256];
  struct timing t;
  for (int i = 0; i < k; i++) tmp[i] = xs[i];
  summarize(tmp, k, &t);
  return t.median_ns;
}

static int measure_faults(const char *op, int write) {
  struct fault_sample s[256];
  size_t pages = 256;
  uint64_t target = (uint64_t)(g_config.min_repeat_ms * 1e6);
  /* Calibrate the page count (capped at 1 GiB of 4 KiB pages). */
  for (;;) {
    if (one_repeat(pages, write, &s[0]) != 0) return -1;
    if (s[0].touch_ns >= (double)target || pages >= (1u << 18)) break;
    pages *= 2;
  }
  one_repeat(pages, write, &s[0]); /* warm-up */
  int k = g_config.repeats;
  double walk[256], cpu_walk[256], per_fault[256], cpu_fault[256];
  long faults_sum = 0;
  for (int r = 0; r < k; r++) {
    if (one_repeat(pages, write, &s[r]) != 0) return -1;
    walk[r] = s[r].walk_ns;
    cpu_walk[r] = s[r].cpu_walk_ns;
    faults_sum += s[r].faults;
  }
  /* As for the empty loop elsewhere: subtract the loop's median, not each
   * repeat's own second pass (one preempted walk would make a repeat negative). */
  double loop = median_copy(walk, k), cpu_loop = median_copy(cpu_walk, k);
  for (int r = 0; r < k; r++) {
    double f = s[r].faults > 0 ? (double)s[r].faults : 1;
    per_fault[r] = (s[r].touch_ns - loop) / f;
    cpu_fault[r] = (s[r].cpu_touch_ns - cpu_loop) / f;
  }
  struct timing t = {0}, c = {0};
  summarize(cpu_fault, k, &c);
  summarize(per_fault, k, &t);
  t.cpu_median_ns = c.median_ns;
  t.iterations = pages;
  t.overhead_ns = loop / (double)pages; /* per page touched */
  json_entry_begin(op);
  json_timing_fields(&t);
  json_field_int("pages", (long long)pages);
  json_field_num("minor_faults_per_repeat", (double)faults_sum / k);
  json_field_num("faults_per_page", (double)faults_sum / k / (double)pages);
  json_entry_end();
  return 0;
}

int probe_page_fault(void) {
  json_begin("page-fault");
  progress(0, 2);
  if (measure_faults("page-fault:anon-write", 1) != 0) json_unavailable("page-fault:anon-write", "mmap failed");
  progress(1, 2);
  if (measure_faults("page-fault:anon-read", 0) != 0) json_unavailable("page-fault:anon-read", "mmap failed");
  progress(2, 2);
  json_end();
  return 0;
}
