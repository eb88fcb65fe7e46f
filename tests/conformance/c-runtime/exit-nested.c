// exit() from deep inside the program runs the handlers too; _exit() would not. A
// handler may register another, which then runs next (it is now the last one).
// expect-stdout: calling exit(9) from depth 3\nhandler a registers b\nhandler b\n
// expect-exit: 9
#include "lab.h"

static void b(void) { line("handler b"); }
static void a(void) { line("handler a registers b"); atexit(b); }

static void dive(int depth) {
  if (depth == 3) {
    line("calling exit(9) from depth 3");
    exit(9);
  }
  dive(depth + 1);
}

int main(void) {
  atexit(a);
  dive(0);
  return 0;
}
