// CodeMirror extensions for the workbench editor: a breakpoint gutter (click or F9),
// the line of the instruction about to run, and assembler errors as lint diagnostics.

import { RangeSet, StateEffect, StateField, type EditorState, type Extension } from '@codemirror/state';
import { Decoration, EditorView, GutterMarker, gutter, keymap, type DecorationSet } from '@codemirror/view';
import { setDiagnostics, type Diagnostic } from '@codemirror/lint';

export interface SourceDiagnostic {
  /** 1-based, as the assembler reports them. */
  line: number;
  column: number;
  message: string;
}

// ---- breakpoints ----

const toggleBreakpointEffect = StateEffect.define<{ pos: number; on: boolean }>({ map: (v, m) => ({ pos: m.mapPos(v.pos), on: v.on }) });
const replaceBreakpointsEffect = StateEffect.define<number[]>();

class BreakpointMarker extends GutterMarker {
  constructor(private readonly spacer = false) {
    super();
  }

  override toDOM(): Node {
    const dot = document.createElement('span');
    // The spacer only sizes the gutter (CodeMirror hides it); it is not a breakpoint.
    dot.className = this.spacer ? 'cm-breakpoint-spacer' : 'cm-breakpoint-dot';
    dot.textContent = '●';
    dot.setAttribute('aria-hidden', 'true');
    return dot;
  }
}
const breakpointMarker = new BreakpointMarker();
const spacerMarker = new BreakpointMarker(true);

const breakpointField = StateField.define<RangeSet<GutterMarker>>({
  create: () => RangeSet.empty,
  update(set, tr) {
    let next = set.map(tr.changes);
    for (const e of tr.effects) {
      if (e.is(toggleBreakpointEffect)) {
        next = e.value.on ? next.update({ add: [breakpointMarker.range(e.value.pos)] }) : next.update({ filter: (from) => from !== e.value.pos });
      } else if (e.is(replaceBreakpointsEffect)) {
        const doc = tr.state.doc;
        const ranges = [...new Set(e.value.filter((l) => l >= 1 && l <= doc.lines))].sort((a, b) => a - b).map((l) => breakpointMarker.range(doc.line(l).from));
        next = RangeSet.of(ranges);
      }
    }
    return next;
  },
});

/** Breakpoint lines (1-based), in order. */
export function breakpointLines(state: EditorState): number[] {
  const lines: number[] = [];
  const iter = state.field(breakpointField).iter();
  for (; iter.value; iter.next()) lines.push(state.doc.lineAt(iter.from).number);
  return [...new Set(lines)];
}

function hasBreakpoint(state: EditorState, lineStart: number): boolean {
  let found = false;
  state.field(breakpointField).between(lineStart, lineStart, () => {
    found = true;
  });
  return found;
}

/** Toggle the breakpoint on the line holding `pos`. */
export function toggleBreakpointAt(view: EditorView, pos: number): boolean {
  const line = view.state.doc.lineAt(pos);
  view.dispatch({ effects: toggleBreakpointEffect.of({ pos: line.from, on: !hasBreakpoint(view.state, line.from) }) });
  return true;
}

export function setBreakpointLines(view: EditorView, lines: number[]): void {
  view.dispatch({ effects: replaceBreakpointsEffect.of(lines) });
}

function breakpoints(onChange: (lines: number[]) => void): Extension {
  return [
    breakpointField,
    gutter({
      class: 'cm-breakpoint-gutter',
      markers: (v) => v.state.field(breakpointField),
      initialSpacer: () => spacerMarker,
      domEventHandlers: {
        mousedown(view, line) {
          toggleBreakpointAt(view, line.from);
          return true;
        },
      },
    }),
    // F9 toggles a breakpoint on the cursor's line (Visual Studio's key, also in many IDEs).
    keymap.of([{ key: 'F9', run: (view) => toggleBreakpointAt(view, view.state.selection.main.head) }]),
    EditorView.updateListener.of((u) => {
      const changed = u.transactions.some((tr) => tr.effects.some((e) => e.is(toggleBreakpointEffect) || e.is(replaceBreakpointsEffect)));
      if (changed || (u.docChanged && u.startState.field(breakpointField).size > 0)) onChange(breakpointLines(u.state));
    }),
  ];
}

// ---- the current instruction's line ----

const setCurrentLineEffect = StateEffect.define<number | null>();
const currentLineDecoration = Decoration.line({ class: 'cm-current-instruction', attributes: { 'aria-current': 'step' } });

const currentLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    let next = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setCurrentLineEffect)) continue;
      const line = e.value;
      next = line !== null && line >= 1 && line <= tr.state.doc.lines ? Decoration.set([currentLineDecoration.range(tr.state.doc.line(line).from)]) : Decoration.none;
    }
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/** Mark the line about to run (null clears it) and scroll it into view. */
export function setCurrentLine(view: EditorView, line: number | null): void {
  const effects: StateEffect<unknown>[] = [setCurrentLineEffect.of(line)];
  if (line !== null && line >= 1 && line <= view.state.doc.lines) effects.push(EditorView.scrollIntoView(view.state.doc.line(line).from, { y: 'nearest' }));
  view.dispatch({ effects });
}

// ---- assembler diagnostics ----

/** Assembler errors (line, column) as lint diagnostics underlining the word at the column. */
export function showDiagnostics(view: EditorView, errors: SourceDiagnostic[]): void {
  const doc = view.state.doc;
  const diagnostics: Diagnostic[] = errors.map((e) => {
    const line = doc.line(Math.min(Math.max(e.line, 1), doc.lines));
    const from = Math.min(line.from + Math.max(e.column - 1, 0), line.to);
    const word = /^[^\s,]+/.exec(doc.sliceString(from, line.to));
    const to = word ? from + word[0].length : line.to;
    return { from, to: to > from ? to : Math.min(from + 1, doc.length), severity: 'error', message: `line ${e.line}, column ${e.column}: ${e.message}`, source: 'as' };
  });
  view.dispatch(setDiagnostics(view.state, diagnostics));
}

export function workbenchExtensions(onBreakpoints: (lines: number[]) => void): Extension {
  return [breakpoints(onBreakpoints), currentLineField];
}
