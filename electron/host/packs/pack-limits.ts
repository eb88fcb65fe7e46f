// Limits on what a pack may contain; shared by the folder reader, the zip reader and import.

export interface PackLimits {
  /** Total uncompressed bytes across all files. */
  maxTotalBytes: number;
  maxFiles: number;
}

export const DEFAULT_PACK_LIMITS: PackLimits = {
  maxTotalBytes: 50 * 1024 * 1024,
  maxFiles: 5000,
};

/**
 * A pack-relative path is safe when it is relative, forward-slashed, has no `.`
 * or `..` segments, no drive letter and no control characters (zip slip,
 * CVE-2018-1002200 class). Returns a reason when it is not.
 */
export function unsafePathReason(path: string): string | null {
  if (path.length === 0) return 'empty path';
  if (path.length > 400) return 'path longer than 400 characters';
  if (path.includes('\\')) return 'backslash in path';
  if (path.startsWith('/')) return 'absolute path';
  if (/^[A-Za-z]:/.test(path)) return 'drive letter in path';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'control character in path';
  const segments = path.replace(/\/$/, '').split('/');
  if (segments.some((s) => s === '..')) return "'..' in path";
  if (segments.some((s) => s === '.' || s === '')) return 'empty or "." path segment';
  return null;
}
