// One validation finding, printed as `labs/vdso/lab.yaml:14: checks[2].expect: unknown event 'syscal'`
// so an author can jump straight to the line (the compiler-style format editors already parse).

export interface PackIssue {
  severity: 'error' | 'warning';
  /** Pack-relative path, forward slashes. */
  file: string;
  /** 1-based; 0 when the issue concerns the file as a whole. */
  line: number;
  /** Dotted field path, e.g. `checks[2].expect`; empty for file-level issues. */
  field: string;
  message: string;
}

export function formatIssue(issue: PackIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}` : issue.file;
  const field = issue.field ? ` ${issue.field}:` : '';
  const tag = issue.severity === 'warning' ? ' warning:' : '';
  return `${where}:${tag}${field} ${issue.message}`;
}

export type PathSegment = string | number;

export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

export function hasErrors(issues: readonly PackIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/** Thrown by build/import/grade when a pack is not acceptable; carries every finding. */
export class PackError extends Error {
  readonly issues: PackIssue[];
  constructor(message: string, issues: PackIssue[] = []) {
    super(issues.length ? `${message}\n${issues.map(formatIssue).join('\n')}` : message);
    this.name = 'PackError';
    this.issues = issues;
  }
}
