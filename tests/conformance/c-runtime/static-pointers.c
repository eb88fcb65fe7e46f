// Pointers stored in data: a table of strings and a table of functions. In a static
// PIE they are R_X86_64_RELATIVE relocations that the runtime's start-up applies
// before main (there is no dynamic linker); in a fixed-address build they are plain.
// expect-stdout: zero\none\ntwo\nhandler 2 ran\nhandler 1 ran\n
// expect-exit: 0
#include "lab.h"

static const char *const names[] = {"zero", "one", "two"};
static void h1(void) { line("handler 1 ran"); }
static void h2(void) { line("handler 2 ran"); }
static void (*const handlers[])(void) = {h1, h2};

int main(int argc, char **argv) {
  (void)argv;
  for (int i = argc - 1; i < argc + 2; i++) line(names[i - argc + 1]);
  for (int i = argc - 1; i < argc + 1; i++) atexit(handlers[i - argc + 1]);
  return 0;
}
