/* int80: the legacy 32-bit gate `int $0x80` vs the 64-bit `syscall`
 * instruction, both calling getpid from a 64-bit process. int $0x80 enters
 * through the IDT and the ia32 compat table (getpid = 20 there, 39 in the
 * 64-bit table); a kernel built without CONFIG_IA32_EMULATION (or booted with
 * ia32_emulation=0) answers with #GP, i.e. SIGSEGV. SDM Vol 2A INT n,
 * Vol 2B SYSCALL. */
#include "probe.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__x86_64__)
static long int80_getpid(void) {
  long ret;
  __asm__ volatile("int $0x80" : "=a"(ret) : "a"(20L) : "r8", "r9", "r10", "r11", "memory");
  return ret;
}

static long syscall_getpid(void) {
  long ret;
  __asm__ volatile("syscall" : "=a"(ret) : "a"(39L) : "rcx", "r11", "memory");
  return ret;
}

static void op_int80(void *ctx) { (void)ctx; int80_getpid(); }
static void op_syscall(void *ctx) { (void)ctx; syscall_getpid(); }

/* Try the gate in a throwaway child: if the kernel refuses it, the child
 * dies of SIGSEGV and we report why instead of crashing. */
static int int80_works(int *signo) {
  pid_t pid = fork();
  if (pid < 0) return 0;
  if (pid == 0) _exit(int80_getpid() == (long)getpid() ? 0 : 1);
  int status = 0;
  waitpid(pid, &status, 0);
  *signo = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}
#endif

int probe_int80(void) {
  json_begin("int80");
#if defined(__x86_64__)
  int signo = 0;
  progress(0, 2);
  struct timing t;
  measure(op_syscall, NULL, &t);
  json_timing("getpid:syscall", &t);
  progress(1, 2);
  if (int80_works(&signo)) {
    measure(op_int80, NULL, &t);
    json_timing("getpid:int80", &t);
  } else {
    char why[160];
    snprintf(why, sizeof(why),
             "not available: kernel built without IA32 emulation (int $0x80 raised %s)",
             signo ? strsignal(signo) : "an error");
    json_unavailable("getpid:int80", why);
  }
  progress(2, 2);
#else
  json_unavailable("getpid:int80", "not available: int $0x80 is an x86 instruction and this host is not x86-64");
#endif
  json_end();
  return 0;
}
