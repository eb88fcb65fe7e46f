// A memory-layout printer: where text, read-only data, data, the brk heap (the byte
// below sbrk(0)), malloc'd blocks (musl's malloc takes them from mmap, even small ones)
// and the stack live, read back from /proc/self/maps. Addresses are the kernel's
// choice, so the program prints each one's mapping (permissions and kind of name) and
// their order rather than the numbers.
// expect-stdout: text: r-xp file\nrodata: r--p file\ndata: rw-p file\nheap: rw-p [heap]\nsmall malloc: rw-p anonymous\nlarge malloc: rw-p anonymous\nstack: rw-p [stack]\nheap below large malloc below stack 1\n
// expect-exit: 0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int data_var = 1;
static const char rodata[] = "read-only";
static char maps[16384];

static void where(const char *label, const void *p) {
  unsigned long a = (unsigned long)p;
  char *line = maps;
  while (*line) {
    char *eol = strchr(line, '\n');
    unsigned long lo, hi;
    char perms[5];
    int name = 0;
    *eol = 0; /* one line at a time: the blanks before the name must not run into the next */
    int found = sscanf(line, "%lx-%lx %4s %*s %*s %*s %n", &lo, &hi, perms, &name) >= 3 && a >= lo && a < hi;
    if (found) {
      const char *n = line + name;
      printf("%s: %s %s\n", label, perms, *n == 0 ? "anonymous" : *n == '/' ? "file" : n);
    }
    *eol = '\n';
    if (found) return;
    line = eol + 1;
  }
  printf("%s: not found\n", label);
}

int main(void) {
  char *small = malloc(64);
  char *large = malloc(1 << 20);
  int stack_var = 0;
  FILE *f = fopen("/proc/self/maps", "r");
  if (!f) return 1;
  size_t n = fread(maps, 1, sizeof maps - 1, f);
  maps[n] = 0;
  fclose(f);
  where("text", (const void *)main);
  where("rodata", rodata);
  where("data", &data_var);
  char *heap_top = (char *)sbrk(0) - 1;
  where("heap", heap_top);
  where("small malloc", small);
  where("large malloc", large);
  where("stack", &stack_var);
  printf("heap below large malloc below stack %d\n", heap_top < large && large < (char *)&stack_var);
  return data_var - 1;
}
