/* syscall-probe NAME [--repeats K] [--min-ms MS]
 * Dispatches to one probe. Exit 0 on success, 2 on usage error, 3 when the
 * probe cannot run here (the JSON then says why). */
#include "probe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct probe_row {
  const char *name;
  probe_main run;
};

static const struct probe_row PROBES[] = {
    {"null-syscall", probe_null_syscall},
    {"fast-calls", probe_fast_calls},
    {"vdso-clock", probe_vdso_clock},
    {"read-sweep", probe_read_sweep},
    {"pipe-pingpong", probe_pipe_pingpong},
    {"futex-pingpong", probe_futex_pingpong},
    {"int80", probe_int80},
    {"page-fault", probe_page_fault},
    {"maps", probe_maps},
    {"eintr-matrix", probe_eintr_matrix},
    /* Test fixture: forks a child and both sleep forever (runner kill tests). */
    {"selftest-hang", probe_selftest_hang},
};

static int usage(void) {
  fputs("usage: syscall-probe NAME [--repeats K] [--min-ms MS]\nprobes:", stderr);
  for (size_t i = 0; i < sizeof(PROBES) / sizeof(PROBES[0]); i++) fprintf(stderr, " %s", PROBES[i].name);
  fputc('\n', stderr);
  return 2;
}

int main(int argc, char **argv) {
  if (argc < 2) return usage();
  for (int i = 2; i < argc; i++) {
    if (strcmp(argv[i], "--repeats") == 0 && i + 1 < argc) {
      int k = atoi(argv[++i]);
      g_config.repeats = k < 7 ? 7 : (k > 255 ? 255 : k); /* k >= 7 keeps p10/p90 meaningful */
    } else if (strcmp(argv[i], "--min-ms") == 0 && i + 1 < argc) {
      double ms = atof(argv[++i]);
      g_config.min_repeat_ms = ms > 0.1 ? ms : 0.1;
    } else {
      return usage();
    }
  }
  for (size_t i = 0; i < sizeof(PROBES) / sizeof(PROBES[0]); i++)
    if (strcmp(argv[1], PROBES[i].name) == 0) return PROBES[i].run();
  return usage();
}
