// The main process's crash handling against a fake window and a fake clock.
import { describe, expect, it } from 'vitest';
import { attachCrashRecovery, DEFAULT_RECOVERY, type GoneDetails, type RecoverableWindow, type RecoveryUi } from '../../../electron/main/crash-recovery.js';

class FakeWindow implements RecoverableWindow {
  gone: ((d: GoneDetails) => void) | null = null;
  unresponsive: (() => void) | null = null;
  responsive: (() => void) | null = null;
  reloads = 0;
  crashes = 0;
  destroyed = false;
  onRendererGone(l: (d: GoneDetails) => void) { this.gone = l; }
  onUnresponsive(l: () => void) { this.unresponsive = l; }
  onResponsive(l: () => void) { this.responsive = l; }
  reload() { this.reloads++; }
  forceCrash() { this.crashes++; this.gone?.({ reason: 'killed', exitCode: 9 }); }
  isDestroyed() { return this.destroyed; }
}

class FakeUi implements RecoveryUi {
  loops: number[] = [];
  logs: string[] = [];
  answers: ((v: boolean) => void)[] = [];
  askReload() { return new Promise<boolean>((resolve) => this.answers.push(resolve)); }
  reportCrashLoop(_d: GoneDetails, n: number) { this.loops.push(n); }
  log(m: string) { this.logs.push(m); }
}

function setup() {
  let t = 0;
  const win = new FakeWindow();
  const ui = new FakeUi();
  attachCrashRecovery(win, ui, { ...DEFAULT_RECOVERY, now: () => t });
  return { win, ui, advance: (ms: number) => (t += ms) };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('attachCrashRecovery', () => {
  it('reloads after a crash, and not after a clean exit', () => {
    const { win, ui } = setup();
    win.gone!({ reason: 'clean-exit', exitCode: 0 });
    expect(win.reloads).toBe(0);
    win.gone!({ reason: 'crashed', exitCode: 139 });
    expect(win.reloads).toBe(1);
    expect(ui.logs[0]).toContain('crashed');
  });

  it('stops reloading after repeated crashes within the window, and resumes later', () => {
    const { win, ui, advance } = setup();
    for (let i = 0; i < 4; i++) {
      win.gone!({ reason: 'oom', exitCode: 1 });
      advance(1000);
    }
    expect(win.reloads).toBe(3);
    expect(ui.loops).toEqual([4]);
    advance(DEFAULT_RECOVERY.windowMs);
    win.gone!({ reason: 'crashed', exitCode: 1 });
    expect(win.reloads).toBe(4);
  });

  it('asks once about a hung window and kills and reloads it only if it is still hung', async () => {
    const { win, ui } = setup();
    win.unresponsive!();
    win.unresponsive!();
    expect(ui.answers.length).toBe(1);
    ui.answers[0]!(true);
    await tick();
    expect(win.crashes).toBe(1);
    expect(win.reloads).toBe(1);

    win.unresponsive!();
    win.responsive!();
    ui.answers[1]!(true);
    await tick();
    expect(win.crashes).toBe(1);

    win.unresponsive!();
    ui.answers[2]!(false);
    await tick();
    expect(win.crashes).toBe(1);
  });

  it('does nothing for a destroyed window', () => {
    const { win } = setup();
    win.destroyed = true;
    win.gone!({ reason: 'crashed', exitCode: 1 });
    expect(win.reloads).toBe(0);
  });
});
