// Test helper for the sigaltstack programs (x86-64 and arm64 alike): they write 104
// bytes — the handler's stack pointer, the uc_stack the handler was given, the
// stack_t sigaltstack reported inside the handler and after it returned, the
// alternate stack's address, and sigaltstack's first result — decoded here.

export interface StackT {
  sp: number;
  flags: number;
  size: number;
}

export interface SigaltstackReport {
  sp: number;
  ucStack: StackT;
  inHandler: StackT;
  after: StackT;
  alt: number;
  setResult: number;
}

export function decodeSigaltstackReport(text: string): SigaltstackReport {
  const b = Uint8Array.from(text, (c) => c.charCodeAt(0));
  const v = new DataView(b.buffer);
  const q = (o: number) => Number(v.getBigInt64(o, true));
  const stack = (o: number): StackT => ({ sp: q(o), flags: v.getUint32(o + 8, true), size: q(o + 16) });
  return { sp: q(0), ucStack: stack(8), inHandler: stack(32), after: stack(56), alt: q(80), setResult: q(96) };
}
