// A buffered reader: stdio reads the file in large blocks (musl's FILE buffer) and
// getc() serves each byte from memory, so 2000 bytes cost a handful of read calls.
// The program first writes the file it reads, so both runs see the same bytes.
// expect-stdout: wrote 2000 bytes\nlines 40, bytes 2000, checksum 127400\n
// expect-exit: 0
#include <stdio.h>
#include <string.h>

int main(void) {
  FILE *out = fopen("reader-buffered.txt", "w");
  if (!out) return 1;
  char row[51];
  memset(row, 'a', 49);
  row[49] = '\n';
  row[50] = 0;
  for (int i = 0; i < 40; i++) fputs(row, out);
  fclose(out);
  printf("wrote %d bytes\n", 40 * 50);
  FILE *in = fopen("reader-buffered.txt", "r");
  if (!in) return 2;
  long lines = 0, bytes = 0, sum = 0;
  int c;
  while ((c = getc(in)) != EOF) {
    bytes++;
    sum += c == '\n' ? 0 : c - 'a' + 65;
    if (c == '\n') lines++;
  }
  fclose(in);
  printf("lines %ld, bytes %ld, checksum %ld\n", lines, bytes, sum);
  return 0;
}
