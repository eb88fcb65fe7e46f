// Every keyboard shortcut of the app, in one table: the help overlay lists it and the
// key handlers match against it, so the two cannot drift apart.

export type ShortcutId =
  | 'run'
  | 'runToSyscall'
  | 'stepInto'
  | 'stepOver'
  | 'stepBack'
  | 'stop'
  | 'reset'
  | 'toggleBreakpoint'
  | 'help'
  | 'viewLabs'
  | 'viewPlayground'
  | 'viewProbes';

export interface Shortcut {
  id: ShortcutId;
  keys: string;
  what: string;
  where: 'Playground' | 'Editor' | 'Everywhere';
}

export const SHORTCUTS: Shortcut[] = [
  { id: 'run', keys: 'F5', what: 'Run (stops at breakpoints)', where: 'Playground' },
  { id: 'runToSyscall', keys: 'Shift+F5', what: 'Run to the next syscall (stops on the kernel entry)', where: 'Playground' },
  { id: 'stepInto', keys: 'F11', what: 'Step one instruction (into calls and the kernel)', where: 'Playground' },
  { id: 'stepOver', keys: 'F10', what: 'Step over: a call runs to its return, a syscall comes back to user level', where: 'Playground' },
  { id: 'stepBack', keys: 'Shift+F11', what: 'Step back: undo the last run or step', where: 'Playground' },
  { id: 'stop', keys: 'F6', what: 'Stop a running program', where: 'Playground' },
  { id: 'reset', keys: 'Ctrl+Shift+F5', what: 'Reset: reload the program', where: 'Playground' },
  { id: 'toggleBreakpoint', keys: 'F9', what: "Toggle a breakpoint on the cursor's line (or click the gutter)", where: 'Editor' },
  { id: 'help', keys: 'F1 or ?', what: 'Show this list of shortcuts', where: 'Everywhere' },
  { id: 'viewLabs', keys: 'Ctrl+1', what: 'Open the Labs view', where: 'Everywhere' },
  { id: 'viewPlayground', keys: 'Ctrl+2', what: 'Open the Playground', where: 'Everywhere' },
  { id: 'viewProbes', keys: 'Ctrl+3', what: 'Open the Probes view', where: 'Everywhere' },
];

/** The stepping shortcut a key event means, if any (Playground only). */
export function steppingShortcut(e: KeyboardEvent): ShortcutId | null {
  const plain = !e.ctrlKey && !e.metaKey && !e.altKey;
  switch (e.key) {
    case 'F5':
      if ((e.ctrlKey || e.metaKey) && e.shiftKey) return 'reset';
      if (!plain) return null;
      return e.shiftKey ? 'runToSyscall' : 'run';
    case 'F6':
      return plain ? 'stop' : null;
    case 'F10':
      return plain && !e.shiftKey ? 'stepOver' : null;
    case 'F11':
      if (!plain) return null;
      return e.shiftKey ? 'stepBack' : 'stepInto';
    default:
      return null;
  }
}

/** Label with its shortcut, for title attributes. */
export function withKeys(id: ShortcutId, label: string): string {
  const s = SHORTCUTS.find((x) => x.id === id);
  return s ? `${label} (${s.keys})` : label;
}
