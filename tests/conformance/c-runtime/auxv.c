// The auxiliary vector through getauxval(3): page size, the entry point (== _start),
// the program headers (AT_PHNUM == the ELF header's e_phnum, AT_PHENT == 56), 16
// random bytes at AT_RANDOM, and the vDSO's ELF header at AT_SYSINFO_EHDR. Values
// the kernel chooses are printed only as booleans.
// expect-stdout: AT_PAGESZ 4096\nAT_ENTRY == _start 1\nAT_PHENT 56\nAT_PHNUM == e_phnum 1\nAT_PHDR follows the ELF header 1\nAT_RANDOM set, 16 bytes readable 1\nAT_SYSINFO_EHDR is an ELF header 1\nAT_SECURE 0\nAT_EXECFN == argv[0] 1\nmissing type gives 0, ENOENT 1\n
// expect-exit: 0
#include "lab.h"

void _start(void);

int main(int argc, char **argv) {
  (void)argc;
  say("AT_PAGESZ", (long)getauxval(AT_PAGESZ));
  say("AT_ENTRY == _start", getauxval(AT_ENTRY) == (unsigned long)_start);
  say("AT_PHENT", (long)getauxval(AT_PHENT));
  const unsigned char *phdr = (const unsigned char *)getauxval(AT_PHDR);
  const unsigned char *ehdr = phdr - 64;
  say("AT_PHNUM == e_phnum", getauxval(AT_PHNUM) == *(const unsigned short *)(ehdr + 0x38));
  say("AT_PHDR follows the ELF header", ehdr[0] == 0x7f && ehdr[1] == 'E' && ehdr[2] == 'L' && ehdr[3] == 'F');
  const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
  unsigned sum = 0;
  for (int i = 0; rnd && i < 16; i++) sum += rnd[i];
  say("AT_RANDOM set, 16 bytes readable", rnd != NULL && sum + 1 > 0);
  const unsigned char *vdso = (const unsigned char *)getauxval(AT_SYSINFO_EHDR);
  say("AT_SYSINFO_EHDR is an ELF header", vdso != NULL && vdso[0] == 0x7f && vdso[1] == 'E' && vdso[2] == 'L' && vdso[3] == 'F');
  say("AT_SECURE", (long)getauxval(AT_SECURE));
  const char *execfn = (const char *)getauxval(AT_EXECFN);
  say("AT_EXECFN == argv[0]", execfn != NULL && strcmp(execfn, argv[0]) == 0);
  errno = 0;
  say("missing type gives 0, ENOENT", getauxval(9999) == 0 && errno == ENOENT);
  return 0;
}
