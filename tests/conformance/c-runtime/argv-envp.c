// main(argc, argv, envp) sees the initial stack: argv[argc] is NULL and envp starts
// right after it (SysV AMD64 ABI 3.4.1); the runtime's environ is that envp.
// args: alpha beta gamma
// expect-stdout: argc 4\nargv[1] alpha\nargv[2] beta\nargv[3] gamma\nargv[argc] == NULL 1\nenvp == argv + argc + 1 1\nenviron == envp 1\n
// expect-exit: 0
#include "lab.h"

int main(int argc, char **argv, char **envp) {
  say("argc", argc);
  for (int i = 1; i < argc; i++) {
    char label[16] = "argv[0] ";
    label[5] = (char)('0' + i);
    size_t n = strlen(label);
    memcpy(label + n, argv[i], strlen(argv[i]) + 1);
    line(label);
  }
  say("argv[argc] == NULL", argv[argc] == NULL);
  say("envp == argv + argc + 1", envp == argv + argc + 1);
  say("environ == envp", environ == envp);
  return 0;
}
