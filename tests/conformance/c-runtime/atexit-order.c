// exit(3) runs atexit handlers in the reverse order of registration, then ends the
// process with exit_group; returning from main is the same as calling exit.
// expect-stdout: main returns 5\nthird\nsecond\nfirst\n
// expect-exit: 5
// expect-trace: exit_group(5) = ?
#include "lab.h"

static void first(void) { line("first"); }
static void second(void) { line("second"); }
static void third(void) { line("third"); }

int main(void) {
  atexit(first);
  atexit(second);
  atexit(third);
  line("main returns 5");
  return 5;
}
