/* Shared by the C conformance programs: one write(2) per printed line, so the trace
 * stays short and each line of output is one trace line. */
#include "runtime.h"

static char lab_line[256];

/* "label value\n" in one write. */
static void say(const char *label, long v) {
  size_t n = strlen(label);
  memcpy(lab_line, label, n);
  lab_line[n++] = ' ';
  char digits[24];
  int d = 0;
  unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;
  do { digits[d++] = (char)('0' + u % 10); u /= 10; } while (u != 0);
  if (v < 0) lab_line[n++] = '-';
  while (d > 0) lab_line[n++] = digits[--d];
  lab_line[n++] = '\n';
  write(1, lab_line, n);
}

/* "text\n" in one write. */
static void line(const char *text) {
  size_t n = strlen(text);
  memcpy(lab_line, text, n);
  lab_line[n++] = '\n';
  write(1, lab_line, n);
}
