// Source lines → breakpoint addresses through the source maps: the student's program
// (assembler line table) and the kernel's entry code (its own line table). A line with
// no instruction (a comment, a label, a directive) moves to the next line that has
// one, as gdb does with `break FILE:LINE`; a line past the last instruction is dropped.

export interface BreakpointRequest {
  user?: number[];
  kernel?: number[];
}

export interface ResolvedBreakpoint {
  where: 'user' | 'kernel';
  requested: number;
  line: number;
  addr: number;
}

/** line → its lowest address (the line's first instruction). */
function firstAddressByLine(lines: Map<number, number>): Map<number, number> {
  const byLine = new Map<number, number>();
  for (const [addr, line] of lines) {
    const seen = byLine.get(line);
    if (seen === undefined || addr < seen) byLine.set(line, addr);
  }
  return byLine;
}

function resolve(where: 'user' | 'kernel', requested: number[], lines: Map<number, number>): ResolvedBreakpoint[] {
  const byLine = firstAddressByLine(lines);
  const sorted = [...byLine.keys()].sort((a, b) => a - b);
  const out: ResolvedBreakpoint[] = [];
  for (const want of requested) {
    const line = sorted.find((l) => l >= want);
    if (line === undefined) continue;
    out.push({ where, requested: want, line, addr: byLine.get(line)! });
  }
  return out;
}

export function resolveBreakpoints(req: BreakpointRequest, userLines: Map<number, number>, kernelLines: Map<number, number>): ResolvedBreakpoint[] {
  return [...resolve('user', req.user ?? [], userLines), ...resolve('kernel', req.kernel ?? [], kernelLines)];
}
