// The fields a `where:` clause may name, per event type (core/trace/events.ts).
// Kept as a table so validation and evaluation agree on one vocabulary.

import type { RunEvent, RunEventType } from '../../../core/trace/events.js';

const ARG_FIELDS = ['arg0', 'arg1', 'arg2', 'arg3', 'arg4', 'arg5'] as const;

export const EVENT_FIELDS: Record<RunEventType, readonly string[]> = {
  syscall: ['pid', 'tid', 'arch', 'via', 'nr', 'name', 'ret', 'errno', 'line', 'interrupted', 'restarted', 'cycles', ...ARG_FIELDS],
  signal: ['pid', 'tid', 'signo', 'name', 'code', 'addr', 'disposition', 'line'],
  stop: ['pid', 'tid', 'signo', 'name', 'line'],
  exit: ['pid', 'status', 'signal', 'line'],
  fault: ['pid', 'vector', 'addr', 'errorCode', 'rip'],
  'context-switch': ['fromPid', 'toPid', 'voluntary', 'cr3Switched', 'cycles'],
  'page-fault': ['pid', 'addr', 'minor', 'cycles'],
  'vdso-call': ['pid', 'tid', 'fn', 'ret', 'value', 'seqlockRetries', 'cycles'],
  stdout: ['pid', 'fd', 'bytes'],
};

export type FieldValue = string | number | boolean | null | undefined;

/** Reads one where-field from an event; `argN` reads the Nth syscall argument. */
export function eventField(event: RunEvent, field: string): FieldValue {
  if (event.type === 'syscall') {
    const arg = /^arg([0-5])$/.exec(field);
    if (arg) return event.args[Number(arg[1])];
  }
  if (!EVENT_FIELDS[event.type].includes(field)) return undefined;
  const value = (event as unknown as Record<string, unknown>)[field];
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return undefined;
}

/** A short human description of an event for grading messages. */
export function describeEvent(event: RunEvent): string {
  switch (event.type) {
    case 'syscall':
    case 'signal':
    case 'stop':
    case 'exit':
      return event.line;
    case 'fault':
      return `fault ${event.vector} at ${event.rip}`;
    case 'context-switch':
      return `context switch ${event.fromPid} -> ${event.toPid}`;
    case 'page-fault':
      return `page fault at ${event.addr}${event.minor ? ' (minor)' : ''}`;
    case 'vdso-call':
      return `vdso ${event.fn} = ${event.value} (no kernel entry)`;
    case 'stdout':
      return `write of ${event.bytes} bytes to fd ${event.fd}`;
  }
}
