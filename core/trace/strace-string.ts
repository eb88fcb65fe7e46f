// strace's string quoting (src/util.c string_quote/printstr_ex, strace 6.1):
// \" \\ \f \n \r \t \v get C escapes, other bytes outside 0x20..0x7e print as
// octal with the fewest digits unless the next byte is an octal digit (then three),
// and byte buffers stop at -s (default 32) bytes with `...` after the closing quote.

/** strace's default `-s 32`. */
export const DEFAULT_MAX_STRLEN = 32;

/** Quote `bytes` exactly as string_quote() does (no truncation here). */
export function quoteBytes(bytes: Uint8Array): string {
  let out = '"';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    switch (c) {
      case 0x22:
        out += '\\"';
        break;
      case 0x5c:
        out += '\\\\';
        break;
      case 0x0c:
        out += '\\f';
        break;
      case 0x0a:
        out += '\\n';
        break;
      case 0x0d:
        out += '\\r';
        break;
      case 0x09:
        out += '\\t';
        break;
      case 0x0b:
        out += '\\v';
        break;
      default:
        if (c >= 0x20 && c <= 0x7e) {
          out += String.fromCharCode(c);
        } else {
          const next = i + 1 < bytes.length ? bytes[i + 1]! : -1;
          const full = next >= 0x30 && next <= 0x37;
          out += '\\' + octal(c, full);
        }
    }
  }
  return out + '"';
}

function octal(c: number, full: boolean): string {
  if (full) return c.toString(8).padStart(3, '0');
  return c.toString(8);
}

/**
 * A byte buffer argument (write's buf, read's result): the first `maxStrlen` bytes
 * quoted, then `...` when the buffer was longer. `bytes` may hold only the first
 * min(len, maxStrlen) bytes; `len` is the true length.
 */
export function formatByteBuffer(bytes: Uint8Array, len: number, maxStrlen = DEFAULT_MAX_STRLEN): string {
  const shown = bytes.subarray(0, Math.min(len, maxStrlen, bytes.length));
  return quoteBytes(shown) + (len > maxStrlen ? '...' : '');
}

/**
 * A NUL-terminated string read from guest memory (paths, struct fields). `bytes`
 * is what was readable; the string ends at the first NUL. When no NUL was found
 * within `limit` bytes strace prints `...` after the quote.
 */
export function formatCString(bytes: Uint8Array, limit = bytes.length): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0 && nul < limit) return quoteBytes(bytes.subarray(0, nul));
  return quoteBytes(bytes.subarray(0, limit)) + '...';
}
