// execve replaces the program: run again from its own file with one more argument,
// the new image starts from _start with fresh memory (the old image's data is gone)
// and its own exit status is the process's. A missing file fails with ENOENT and
// the caller goes on (execve(2)).
// expect-stdout: first image, counter 1\nexecve(/no/such) -1\nerrno ENOENT 1\nsecond image, arg again, counter 0\n
// expect-exit: 4
#include "lab.h"

static int counter;

int main(int argc, char **argv, char **envp) {
  if (argc > 1) {
    write(1, "second image, arg ", 18);
    write(1, argv[1], strlen(argv[1]));
    say(", counter", counter);
    return 4;
  }
  counter = 1;
  say("first image, counter", counter);
  char *none[] = {"/no/such", NULL};
  say("execve(/no/such)", execve("/no/such", none, envp));
  say("errno ENOENT", errno == ENOENT);
  char *again[] = {argv[0], "again", NULL};
  execve(argv[0], again, envp);
  line("execve failed");
  return 1;
}
