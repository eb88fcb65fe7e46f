/* eintr-matrix: what the host kernel does when a signal handler runs while a
 * call blocks. signal(7) "Interruption of system calls and library functions
 * by signal handlers": read(2) on a pipe is restarted if the handler was
 * installed with SA_RESTART, else fails with EINTR; poll(2) and nanosleep(2)
 * are never restarted and fail with EINTR regardless of SA_RESTART.
 * The interrupt is a one-shot ITIMER_REAL (SIGALRM) at 50 ms; a writer child
 * makes the pipe readable at 500 ms so a restarted call can complete. A cell
 * whose signal did not land inside the call (a starved host) is run again. */
#include "probe.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t g_handled;
static volatile sig_atomic_t g_in_call;
static volatile sig_atomic_t g_handled_in_call;

static void on_alarm(int signo) {
  (void)signo;
  g_handled++;
  if (g_in_call) g_handled_in_call++;
}

enum call_kind { CALL_READ_PIPE, CALL_POLL, CALL_NANOSLEEP };

struct call_row {
  enum call_kind kind;
  const char *name;
  const char *documented_restart;    /* with SA_RESTART */
  const char *documented_no_restart; /* without */
};

static const struct call_row CALLS[] = {
    {CALL_READ_PIPE, "read-pipe", "restarted", "eintr"},
    {CALL_POLL, "poll", "eintr", "eintr"},
    {CALL_NANOSLEEP, "nanosleep", "eintr", "eintr"},
};

static void sleep_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

static long do_call(enum call_kind kind, int fd) {
  char c;
  struct pollfd pfd = {fd, POLLIN, 0};
  struct timespec ts = {0, 500 * 1000000L};
  switch (kind) {
    case CALL_READ_PIPE: return read(fd, &c, 1);
    case CALL_POLL: return poll(&pfd, 1, 2000);
    case CALL_NANOSLEEP: return nanosleep(&ts, &ts);
  }
  return -1;
}

/* One attempt; returns 1 when the signal arrived while the call was blocked. */
static int run_cell(const struct call_row *row, int sa_restart, int last_try) {
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = on_alarm;
  sa.sa_flags = sa_restart ? SA_RESTART : 0;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGALRM, &sa, NULL);

  int fds[2];
  if (pipe(fds) != 0) return 1;
  pid_t writer = fork();
  if (writer == 0) {
    close(fds[0]);
    sleep_ms(500);
    if (write(fds[1], "x", 1) != 1) _exit(1);
    _exit(0);
  }
  close(fds[1]);
  g_handled = 0;
  g_handled_in_call = 0;
  struct itimerval it = {{0, 0}, {0, 50 * 1000}};
  setitimer(ITIMER_REAL, &it, NULL);
  uint64_t t0 = now_ns();
  g_in_call = 1;
  long ret = do_call(row->kind, fds[0]);
  int err = errno;
  g_in_call = 0;
  uint64_t t1 = now_ns();
  int handled = g_handled;
  struct itimerval off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &off, NULL);
  if (writer > 0) {
    kill(writer, SIGKILL);
    waitpid(writer, NULL, 0);
  }
  close(fds[0]);
  if (!g_handled_in_call && !last_try) return 0;

  const char *outcome;
  if (ret < 0 && err == EINTR) outcome = "eintr";
  else if (ret < 0) outcome = "error";
  else if (g_handled_in_call) outcome = "restarted";
  else outcome = "completed";

  char op[64];
  snprintf(op, sizeof(op), "eintr:%s", row->name);
  json_entry_begin(op);
  json_field_str("call", row->name);
  json_field_bool("sa_restart", sa_restart);
  json_field_str("outcome", outcome);
  json_field_int("returned", ret);
  json_field_str("errno", ret < 0 ? (err == EINTR ? "EINTR" : strerror(err)) : "");
  json_field_bool("handler_ran", handled > 0);
  json_field_bool("interrupted_in_call", g_handled_in_call > 0);
  json_field_num("elapsed_ms", (double)(t1 - t0) / 1e6);
  json_field_str("documented", sa_restart ? row->documented_restart : row->documented_no_restart);
  json_entry_end();
  return 1;
}

int probe_eintr_matrix(void) {
  const int n = (int)(sizeof(CALLS) / sizeof(CALLS[0]));
  json_begin("eintr-matrix");
  for (int i = 0; i < n; i++) {
    for (int r = 0; r < 2; r++) {
      progress(i * 2 + r, n * 2);
      /* Up to 5 tries for the alarm to land inside the blocked call. */
      for (int attempt = 0; attempt < 5 && !run_cell(&CALLS[i], r, attempt == 4); attempt++) {
      }
    }
  }
  progress(n * 2, n * 2);
  json_end();
  return 0;
}
