// /proc/self/maps (proc(5)): for a few addresses the program knows, the permissions
// of the line that covers it and the kind of name on that line. Addresses, inodes and
// the kernel's own special mappings are the host's and are not printed.
// expect-stdout: main: r-xp file\nconst string: r--p file\ndata variable: rw-p file\nheap after brk: rw-p [heap]\nstack variable: rw-p [stack]\nanonymous mmap: rw-p anonymous\nread-only mmap: r--p anonymous\nlines sorted by address 1\n
// expect-exit: 0
#include "lab.h"

static char maps[16384];
static long maps_len;
static int data_var = 1;
static const char const_str[] = "constant";

static unsigned long hex(const char **p) {
  unsigned long v = 0;
  for (;;) {
    char c = **p;
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0) return v;
    v = v * 16 + (unsigned long)d;
    (*p)++;
  }
}

/* Print "label: PERMS KIND" for the line covering addr. */
static void show(const char *label, const void *addr) {
  const char *p = maps;
  const char *end = maps + maps_len;
  while (p < end) {
    const char *start = p;
    unsigned long lo = hex(&p);
    p++;
    unsigned long hi = hex(&p);
    const char *perms = p + 1;
    const char *eol = perms;
    while (*eol != '\n') eol++;
    if ((unsigned long)addr >= lo && (unsigned long)addr < hi) {
      const char *name = eol;
      while (name > perms && name[-1] != ' ') name--;
      const char *kind = name == eol ? "anonymous" : *name == '/' ? "file" : name;
      char out[96];
      size_t n = strlen(label);
      memcpy(out, label, n);
      memcpy(out + n, ": ", 2);
      memcpy(out + n + 2, perms, 4);
      out[n + 6] = ' ';
      size_t k = *kind == '[' ? (size_t)(eol - kind) : strlen(kind);
      memcpy(out + n + 7, kind, k);
      out[n + 7 + k] = 0;
      line(out);
      return;
    }
    (void)start;
    p = eol + 1;
  }
  write(1, label, strlen(label));
  line(": not found");
}

int main(void) {
  char *heap = brk(NULL);
  brk(heap + 4096);
  char *anon = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  char *ro = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  int stack_var = 0;
  int fd = open("/proc/self/maps", O_RDONLY);
  long r;
  while ((r = read(fd, maps + maps_len, sizeof maps - 1 - maps_len)) > 0) maps_len += r;
  close(fd);
  show("main", (const void *)main);
  show("const string", const_str);
  show("data variable", &data_var);
  show("heap after brk", heap);
  show("stack variable", &stack_var);
  show("anonymous mmap", anon);
  show("read-only mmap", ro);
  const char *p = maps;
  unsigned long prev = 0;
  int sorted = 1;
  while (p < maps + maps_len) {
    unsigned long lo = hex(&p);
    sorted &= lo >= prev;
    prev = lo;
    while (*p != '\n') p++;
    p++;
  }
  say("lines sorted by address", sorted);
  return 0;
}
