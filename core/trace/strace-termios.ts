// Kernel `struct termios` (asm-generic/termbits.h, same on x86-64 and arm64) as
// strace 6.1 prints a TCGETS result:
// `{c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|..., ...}`.

import { formatFlags, hex, type Xlat } from './strace-xlat.js';
import { view } from './strace-structs.js';

/** c_iflag, c_oflag, c_cflag, c_lflag (4 bytes each), c_line, c_cc[19]. */
export const TERMIOS_SIZE = 36;

const x = (pairs: ReadonlyArray<readonly [number, string]>): Xlat => pairs.map(([v, n]) => [BigInt(v), n] as const);

// Table order follows strace's src/xlat/term_*flags.in.
const IFLAGS = x([
  [0o1, 'IGNBRK'],
  [0o2, 'BRKINT'],
  [0o4, 'IGNPAR'],
  [0o10, 'PARMRK'],
  [0o20, 'INPCK'],
  [0o40, 'ISTRIP'],
  [0o100, 'INLCR'],
  [0o200, 'IGNCR'],
  [0o400, 'ICRNL'],
  [0o1000, 'IUCLC'],
  [0o2000, 'IXON'],
  [0o4000, 'IXANY'],
  [0o10000, 'IXOFF'],
  [0o20000, 'IMAXBEL'],
  [0o40000, 'IUTF8'],
]);
const OFLAGS = x([
  [0o1, 'OPOST'],
  [0o2, 'OLCUC'],
  [0o4, 'ONLCR'],
  [0o10, 'OCRNL'],
  [0o20, 'ONOCR'],
  [0o40, 'ONLRET'],
  [0o100, 'OFILL'],
  [0o200, 'OFDEL'],
]);
const CFLAGS = x([
  [0o100, 'CSTOPB'],
  [0o200, 'CREAD'],
  [0o400, 'PARENB'],
  [0o1000, 'PARODD'],
  [0o2000, 'HUPCL'],
  [0o4000, 'CLOCAL'],
  [0o10000000000, 'CMSPAR'],
  [0o20000000000, 'CRTSCTS'],
]);
const LFLAGS = x([
  [0o1, 'ISIG'],
  [0o2, 'ICANON'],
  [0o4, 'XCASE'],
  [0o10, 'ECHO'],
  [0o20, 'ECHOE'],
  [0o40, 'ECHOK'],
  [0o100, 'ECHONL'],
  [0o200, 'NOFLSH'],
  [0o100000, 'IEXTEN'],
  [0o1000, 'ECHOCTL'],
  [0o2000, 'ECHOPRT'],
  [0o4000, 'ECHOKE'],
  [0o10000, 'FLUSHO'],
  [0o40000, 'PENDIN'],
  [0o400, 'TOSTOP'],
  [0o200000, 'EXTPROC'],
]);

const BAUDS: Record<number, string> = {
  0: 'B0', 1: 'B50', 2: 'B75', 3: 'B110', 4: 'B134', 5: 'B150', 6: 'B200', 7: 'B300',
  8: 'B600', 9: 'B1200', 10: 'B1800', 11: 'B2400', 12: 'B4800', 13: 'B9600', 14: 'B19200',
  15: 'B38400', 0o10001: 'B57600', 0o10002: 'B115200', 0o10003: 'B230400', 0o10004: 'B460800',
  0o10005: 'B500000', 0o10006: 'B576000', 0o10007: 'B921600', 0o10010: 'B1000000',
  0o10011: 'B1152000', 0o10012: 'B1500000', 0o10013: 'B2000000', 0o10014: 'B2500000',
  0o10015: 'B3000000', 0o10016: 'B3500000', 0o10017: 'B4000000',
};

/** Delay fields print their value name even when zero (NL0, CR0, ...). */
function oflag(v: number): string {
  const parts = [
    v & 0o100 ? 'NL1' : 'NL0',
    `CR${(v >> 9) & 3}`,
    // TAB3 is also XTABS; strace prints the latter.
    ((v >> 11) & 3) === 3 ? 'XTABS' : `TAB${(v >> 11) & 3}`,
    v & 0o20000 ? 'BS1' : 'BS0',
    v & 0o40000 ? 'VT1' : 'VT0',
    v & 0o100000 ? 'FF1' : 'FF0',
  ];
  const rest = v & ~0o177500;
  if (rest !== 0) parts.push(formatFlags(BigInt(rest), OFLAGS, 'O???'));
  return parts.join('|');
}

function cflag(v: number): string {
  const baud = v & 0o10017;
  const parts = [BAUDS[baud] ?? hex(BigInt(baud)), `CS${5 + ((v >> 4) & 3)}`];
  const ibaud = (v >> 16) & 0o10017;
  if (ibaud !== 0) parts.push(`${BAUDS[ibaud] ?? hex(BigInt(ibaud))}<<IBSHIFT`);
  const rest = v & ~(0o10017 | 0o60 | (0o10017 << 16));
  if (rest !== 0) parts.push(formatFlags(BigInt(rest >>> 0), CFLAGS, 'C???'));
  return parts.join('|');
}

export function formatTermios(b: Uint8Array): string {
  const v = view(b);
  const i = v.getUint32(0, true);
  const o = v.getUint32(4, true);
  const c = v.getUint32(8, true);
  const l = v.getUint32(12, true);
  return `{c_iflag=${formatFlags(BigInt(i), IFLAGS, 'I???')}, c_oflag=${oflag(o)}, c_cflag=${cflag(c)}, c_lflag=${formatFlags(BigInt(l), LFLAGS, 'L???')}, ...}`;
}
