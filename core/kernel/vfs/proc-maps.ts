// /proc/<pid>/maps lines in Linux's exact format (fs/proc/task_mmu.c show_map_vma):
//   "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu " then, if the mapping has a name,
//   padding to column 72 (25 + 6 * sizeof(void *) - 1, seq_setwidth/seq_pad), one
//   space and the name. Anonymous mappings keep the trailing space after the inode.

export interface MapsVma {
  start: bigint;
  end: bigint;
  /** Four characters as Linux prints them: `r-xp`, `rw-s`. */
  perms: string;
  /** File offset in bytes (vm_pgoff << PAGE_SHIFT). */
  offset: bigint;
  dev: { major: number; minor: number };
  inode: bigint | number;
  /** Path, `[heap]`, `[stack]`, `[vdso]`, `[vvar]`...; null/empty for anonymous memory. */
  name?: string | null;
}

const PAD_TO = 25 + 6 * 8 - 1;

const hex = (v: bigint | number, width: number): string => v.toString(16).padStart(width, '0');

/** One line, without the newline. */
export function formatMapsLine(vma: MapsVma): string {
  if (!/^[r-][w-][x-][ps]$/.test(vma.perms)) throw new RangeError(`bad perms ${vma.perms}`);
  const head =
    `${hex(vma.start, 8)}-${hex(vma.end, 8)} ${vma.perms} ${hex(vma.offset, 8)} ` +
    `${hex(vma.dev.major, 2)}:${hex(vma.dev.minor, 2)} ${BigInt(vma.inode).toString()} `;
  if (!vma.name) return head;
  // seq_file_path() escapes a newline in a file name as \012.
  return `${head.padEnd(PAD_TO, ' ')} ${vma.name.replace(/\n/g, '\\012')}`;
}

/** The whole file: one line per VMA, each ending in `\n`. */
export function formatMaps(vmas: readonly MapsVma[]): string {
  return vmas.map((v) => formatMapsLine(v) + '\n').join('');
}
