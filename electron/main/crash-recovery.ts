// What the main process does when the renderer dies or hangs: reload the window (the
// renderer restores its open lab and drafts from what it persisted), but stop reloading
// after repeated crashes so a page that crashes on load cannot loop forever; ask before
// killing a hung renderer. Plain logic over small interfaces so it is unit-tested
// without the Electron binary; main.ts adapts BrowserWindow and dialog to them.

/** Electron's RenderProcessGoneDetails, the part used here (reason: 'crashed', 'oom', 'killed', 'clean-exit', …). */
export interface GoneDetails {
  reason: string;
  exitCode: number;
}

export interface RecoverableWindow {
  onRendererGone(listener: (details: GoneDetails) => void): void;
  onUnresponsive(listener: () => void): void;
  onResponsive(listener: () => void): void;
  reload(): void;
  /** webContents.forcefullyCrashRenderer(): ends a hung renderer so it can be reloaded. */
  forceCrash(): void;
  isDestroyed(): boolean;
}

export interface RecoveryUi {
  /** The window stopped responding: resolve true to reload it, false to keep waiting. */
  askReload(): Promise<boolean>;
  /** Crashed too often in a short time: say so instead of reloading again. */
  reportCrashLoop(details: GoneDetails, crashes: number): void;
  log(message: string): void;
}

export interface RecoveryOptions {
  now: () => number;
  /** More crashes than this within windowMs stop the automatic reload. */
  maxCrashes: number;
  windowMs: number;
}

export const DEFAULT_RECOVERY: Omit<RecoveryOptions, 'now'> = { maxCrashes: 3, windowMs: 60_000 };

export function attachCrashRecovery(win: RecoverableWindow, ui: RecoveryUi, opts: RecoveryOptions): void {
  let crashes: number[] = [];
  let hung = false;
  let asking = false;

  win.onRendererGone((details) => {
    hung = false;
    if (details.reason === 'clean-exit' || win.isDestroyed()) return;
    const now = opts.now();
    crashes = [...crashes.filter((t) => now - t < opts.windowMs), now];
    ui.log(`renderer gone (${details.reason}, exit code ${details.exitCode}); crash ${crashes.length} in the last ${opts.windowMs / 1000} s`);
    if (crashes.length > opts.maxCrashes) ui.reportCrashLoop(details, crashes.length);
    else win.reload();
  });

  win.onResponsive(() => {
    hung = false;
  });

  win.onUnresponsive(() => {
    hung = true;
    if (asking) return;
    asking = true;
    void ui
      .askReload()
      .then((reload) => {
        if (reload && hung && !win.isDestroyed()) win.forceCrash();
      })
      .finally(() => {
        asking = false;
      });
  });
}
