// The Playground's state: the program text, the loaded machine session and what
// the last run or step returned. Components read it; only these methods change it.

import type { LabApi } from '../../../electron/common/client.js';
import { PanelSizes } from './panel-sizes.svelte.js';
import type { AsmDiagnostic, BreakpointsReply, GradeReport, SessionState } from '../../../electron/common/types.js';

/** The lab a Playground program belongs to, when it was opened from one. */
export interface LabContext {
  packId: string;
  labId: string;
  title: string;
  arch: 'x86_64' | 'arm64';
}

// The book's first raw-syscall program: write 17 bytes to stdout, then exit(0).
export const BOOK_LISTING_X86 = `.intel_syntax noprefix
.global _start
.text
_start:
    mov rax, 1              # write
    mov rdi, 1              # fd 1: stdout
    lea rsi, [rip + msg]    # buffer
    mov rdx, 17             # length: no newline
    syscall
    mov rax, 60             # exit
    xor edi, edi            # status 0
    syscall
.data
msg: .ascii "Direct write call"
`;

export class Playground {
  source = $state(BOOK_LISTING_X86);
  stdin = $state('');
  session = $state<SessionState | null>(null);
  previous = $state<SessionState | null>(null);
  errors = $state<AsmDiagnostic[]>([]);
  busy = $state(false);
  /** A "Check my work" run is going (the worker runs the submission to its end). */
  checking = $state(false);
  failure = $state<string | null>(null);
  progress = $state<{ instructions: number; syscalls: number } | null>(null);
  lab = $state<LabContext | null>(null);
  grade = $state<GradeReport | null>(null);
  /** Breakpoint lines in the editor (1-based); sent to the worker whenever a machine is loaded. */
  breakpoints = $state<number[]>([]);
  /** Where the worker placed them (a line without code moves to the next one that has some). */
  placed = $state<BreakpointsReply['breakpoints']>([]);
  /** The program line of the instruction about to run (null in the kernel or before a load). */
  readonly currentLine = $derived.by(() => {
    const next = this.session?.view.next[0];
    return next && next.where === 'user' ? next.line : null;
  });
  readonly canStepBack = $derived((this.session?.stepsBack ?? 0) > 0);

  readonly sizes: PanelSizes;

  constructor(private readonly api: LabApi) {
    this.sizes = new PanelSizes(api);
    api.on('emulator.progress', (p) => {
      if (this.session && p.sessionId === this.session.sessionId) this.progress = { instructions: p.instructions, syscalls: p.syscalls };
    });
  }

  /** Registers whose value differs from the previous view (highlighted in the UI). */
  changed(name: string): boolean {
    const before = this.previous?.view.registers.find((r) => r.name === name)?.value;
    const now = this.session?.view.registers.find((r) => r.name === name)?.value;
    return before !== undefined && now !== undefined && before !== now;
  }

  private async guard<T>(work: () => Promise<T>): Promise<T | null> {
    this.busy = true;
    this.failure = null;
    try {
      return await work();
    } catch (err) {
      this.failure = (err as Error).message;
      return null;
    } finally {
      this.busy = false;
      this.progress = null;
    }
  }

  /** Assemble and load; true when a machine is ready. */
  async load(): Promise<boolean> {
    const old = this.session;
    if (old) void this.api['emulator.close']({ sessionId: old.sessionId }).catch(() => undefined);
    this.session = null;
    this.previous = null;
    const reply = await this.guard(() => this.api['emulator.load']({ arch: this.lab?.arch ?? 'x86_64', source: this.source, stdin: this.stdin }));
    if (!reply) return false;
    if (!reply.ok) {
      this.errors = reply.errors;
      return false;
    }
    this.errors = [];
    this.session = reply.state;
    if (this.breakpoints.length > 0) await this.sendBreakpoints();
    return true;
  }

  /** The editor's breakpoints changed: keep the loaded machine's in step. */
  async setBreakpoints(lines: number[]): Promise<void> {
    this.breakpoints = lines;
    // The worker is busy with a run: send them as soon as it answers.
    if (this.busy) this.breakpointsPending = true;
    else if (this.session) await this.sendBreakpoints();
  }
  private breakpointsPending = false;

  private async sendBreakpoints(): Promise<void> {
    const s = this.session;
    if (!s) return;
    try {
      const reply = await this.api['emulator.setBreakpoints']({ sessionId: s.sessionId, user: this.breakpoints });
      this.placed = reply.breakpoints;
    } catch (err) {
      this.failure = `Breakpoints could not be set: ${(err as Error).message}`;
    }
  }

  private async ensureLoaded(): Promise<SessionState | null> {
    if (this.busy) return null;
    if (this.session && this.session.status !== 'exited' && this.session.status !== 'panic' && this.session.status !== 'limit') return this.session;
    return (await this.load()) ? this.session : null;
  }

  async run(until: 'exit' | 'syscall' = 'exit'): Promise<void> {
    const s = await this.ensureLoaded();
    if (!s) return;
    const next = await this.guard(() => this.api['emulator.run']({ sessionId: s.sessionId, until }));
    if (next) this.update(next);
  }

  async step(count = 1): Promise<void> {
    const s = await this.ensureLoaded();
    if (!s) return;
    const next = await this.guard(() => this.api['emulator.step']({ sessionId: s.sessionId, count }));
    if (next) this.update(next);
  }

  /** F10: a call runs until it returns, a syscall comes back to user level. */
  async stepOver(): Promise<void> {
    const s = await this.ensureLoaded();
    if (!s) return;
    const next = await this.guard(() => this.api['emulator.stepOver']({ sessionId: s.sessionId }));
    if (next) this.update(next);
  }

  /** Shift+F11: back to the state before the last Run or Step. */
  async stepBack(): Promise<void> {
    const s = this.session;
    if (!s || !this.canStepBack) return;
    const next = await this.guard(() => this.api['emulator.stepBack']({ sessionId: s.sessionId }));
    if (next) this.update(next);
  }

  /** Stop a long run; it answers with the state it reached, ready to continue. */
  async stop(): Promise<void> {
    if (!this.busy) return;
    await this.api['emulator.stop']({}).catch(() => undefined);
  }

  async reset(): Promise<void> {
    await this.load();
  }

  notice = $state<string | null>(null);
  private saveTimer: ReturnType<typeof setTimeout> | null = null;

  /** Put a lab's program in the editor: the student's saved draft if there is one, else the starter. */
  async openStarter(lab: LabContext, starter: string): Promise<void> {
    this.lab = lab;
    this.grade = null;
    this.session = null;
    this.previous = null;
    this.errors = [];
    this.breakpoints = [];
    this.source = starter;
    try {
      const saved = await this.api['progress.load']({ packId: lab.packId, labId: lab.labId });
      this.notice = saved.notice;
      const draft = saved.drafts['main.s'];
      if (draft !== undefined) this.source = draft;
    } catch (err) {
      this.notice = `Could not load your saved work: ${(err as Error).message}`;
    }
  }

  /** Called on every edit: the draft is saved (debounced; the host writes atomically). */
  edited(): void {
    const lab = this.lab;
    if (!lab) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      void this.api['progress.save']({ packId: lab.packId, labId: lab.labId, drafts: [{ file: 'main.s', source: this.source }] }).catch((err: Error) => {
        this.notice = `Your draft could not be saved: ${err.message}`;
      });
    }, 600);
  }

  /** Run the lab's checks against the program in the editor. */
  async check(): Promise<void> {
    const lab = this.lab;
    if (!lab) return;
    this.checking = true;
    try {
      const result = await this.guard(() => this.api['labs.grade']({ packId: lab.packId, labId: lab.labId, arch: lab.arch, source: this.source, stdin: this.stdin }));
      if (result) this.grade = result;
    } finally {
      this.checking = false;
    }
  }

  private update(next: SessionState): void {
    this.previous = this.session;
    this.session = next;
    if (this.breakpointsPending) {
      this.breakpointsPending = false;
      void this.sendBreakpoints();
    }
  }
}
