/* read-sweep: read(2) on a page-cached 8 MiB file with buffers of 1 B .. 1 MiB.
 * Small buffers pay the syscall entry per byte; large ones pay the copy
 * (copy_to_user), so ns/byte falls until the copy dominates. */
#include "probe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FILE_BYTES (8u << 20)
#define MAX_BUF (1u << 20)

struct sweep {
  int fd;
  char *buf;
  size_t size;
  size_t offset;
  unsigned long long calls;
  unsigned long long bytes;
};

static void op_read(void *ctx) {
  struct sweep *s = ctx;
  /* Rewind at the end so every read is full-sized: one lseek per
   * FILE_BYTES/size reads, at most 1/8 of a syscall per 1 MiB read. */
  if (s->offset + s->size > FILE_BYTES) {
    if (lseek(s->fd, 0, SEEK_SET) != 0) _exit(4);
    s->offset = 0;
  }
  ssize_t got = read(s->fd, s->buf, s->size);
  if (got != (ssize_t)s->size) _exit(4);
  s->offset += (size_t)got;
  s->calls++;
  s->bytes += (unsigned long long)got;
}

static int make_cached_file(void) {
  const char *dir = getenv("TMPDIR");
  char path[4096];
  snprintf(path, sizeof(path), "%s/syscall-lab-read-sweep-XXXXXX", dir && *dir ? dir : "/tmp");
  int fd = mkstemp(path);
  if (fd < 0) return -1;
  unlink(path); /* gone when we exit, even if killed */
  char *chunk = malloc(MAX_BUF);
  if (!chunk) return -1;
  memset(chunk, 'a', MAX_BUF);
  for (unsigned i = 0; i < FILE_BYTES / MAX_BUF; i++)
    if (write(fd, chunk, MAX_BUF) != (ssize_t)MAX_BUF) return -1;
  /* Read it once so every later read is served from the page cache. */
  lseek(fd, 0, SEEK_SET);
  while (read(fd, chunk, MAX_BUF) > 0) {
  }
  free(chunk);
  return fd;
}

int probe_read_sweep(void) {
  int fd = make_cached_file();
  if (fd < 0) {
    perror("read-sweep: temp file");
    return 1;
  }
  struct sweep s = {fd, malloc(MAX_BUF), 0, 0, 0, 0};
  if (!s.buf) return 1;
  memset(s.buf, 0, MAX_BUF); /* fault the buffer in before timing */
  const int steps = 21;        /* 2^0 .. 2^20 */
  json_begin("read-sweep");
  for (int i = 0; i < steps; i++) {
    struct timing t;
    char op[32];
    progress(i, steps);
    s.size = (size_t)1 << i;
    s.offset = FILE_BYTES; /* force a rewind on the first call */
    s.calls = s.bytes = 0;
    measure(op_read, &s, &t);
    snprintf(op, sizeof(op), "read:%zu", s.size);
    json_entry_begin(op);
    json_timing_fields(&t);
    json_field_int("buffer_bytes", (long long)s.size);
    json_field_num("ns_per_byte", t.median_ns / (double)s.size);
    /* Counted, not derived: read() calls made per MiB actually transferred. */
    json_field_num("syscalls_per_mib", (double)s.calls * (double)(1u << 20) / (double)s.bytes);
    json_field_num("mib_per_s", (double)s.size / t.median_ns * 1e9 / (double)(1u << 20));
    json_entry_end();
  }
  progress(steps, steps);
  json_end();
  close(fd);
  return 0;
}
