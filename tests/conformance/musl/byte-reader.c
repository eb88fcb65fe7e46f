// A byte-by-byte reader: read(fd, &c, 1) for every byte, one system call (and one
// user/kernel round trip) per byte, the cost the buffered reader avoids.
// expect-stdout: read 300 bytes in 301 calls, 6 lines\n
// expect-exit: 0
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
  int fd = open("reader-bytes.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return 1;
  char row[50];
  memset(row, 'b', 49);
  row[49] = '\n';
  for (int i = 0; i < 6; i++) write(fd, row, sizeof row);
  close(fd);
  fd = open("reader-bytes.txt", O_RDONLY);
  if (fd < 0) return 2;
  long calls = 0, bytes = 0, lines = 0;
  char c;
  for (;;) {
    ssize_t n = read(fd, &c, 1);
    calls++;
    if (n <= 0) break;
    bytes++;
    if (c == '\n') lines++;
  }
  close(fd);
  printf("read %ld bytes in %ld calls, %ld lines\n", bytes, calls, lines);
  return 0;
}
