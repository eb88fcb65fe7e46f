// The heap and anonymous mappings: brk(0) reports the break, growing it by 64 KiB
// gives zeroed memory, shrinking returns it; mmap gives 3 zeroed pages, munmap of the
// middle page leaves the outer two, and mprotect(PROT_READ) is reported by the kernel
// without touching the memory; a bad munmap fails with EINVAL.
// expect-stdout: brk grew by 65536\nnew heap reads zero 1\nheap keeps what was written 1\nbrk shrank back 1\nmmap ok 1\nmapping reads zero 1\nmunmap middle 0\nouter pages still there 1\nmprotect read-only 0\nmunmap unaligned -1\nerrno EINVAL 1\n
// expect-exit: 0
#include "lab.h"

int main(void) {
  char *base = brk(NULL);
  char *top = brk(base + 65536);
  say("brk grew by", top - base);
  int zero = 1;
  for (long i = 0; i < 65536; i += 4096) zero &= base[i] == 0;
  say("new heap reads zero", zero);
  base[100] = 42;
  say("heap keeps what was written", base[100] == 42);
  say("brk shrank back", brk(base) == base);
  char *m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  say("mmap ok", m != MAP_FAILED);
  say("mapping reads zero", m[0] == 0 && m[3 * 4096 - 1] == 0);
  m[0] = 1;
  m[2 * 4096] = 2;
  say("munmap middle", munmap(m + 4096, 4096));
  say("outer pages still there", m[0] == 1 && m[2 * 4096] == 2);
  say("mprotect read-only", mprotect(m, 4096, PROT_READ));
  say("munmap unaligned", munmap(m + 1, 4096));
  say("errno EINVAL", errno == EINVAL);
  return 0;
}
