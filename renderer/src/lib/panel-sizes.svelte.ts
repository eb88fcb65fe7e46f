// Sizes of the Playground's resizable panels (percent), remembered through the host's
// prefs so they survive a restart. Unknown or damaged values fall back to the defaults.

import type { LabApi } from '../../../electron/common/client.js';

const DEFAULTS = { editorWidth: 45, editorHeight: 60 } as const;
type PanelName = keyof typeof DEFAULTS;
const KEY: Record<PanelName, string> = { editorWidth: 'panel.playground.editorWidth', editorHeight: 'panel.playground.editorHeight' };

export class PanelSizes {
  editorWidth = $state<number>(DEFAULTS.editorWidth);
  editorHeight = $state<number>(DEFAULTS.editorHeight);

  constructor(private readonly api: LabApi) {}

  async load(): Promise<void> {
    try {
      const prefs = await this.api['prefs.get']({ keys: Object.values(KEY) });
      for (const name of Object.keys(KEY) as PanelName[]) {
        const v = Number(prefs[KEY[name]]);
        if (Number.isFinite(v) && v >= 5 && v <= 95) this[name] = v;
      }
    } catch {
      // Defaults are fine; the shell reports preference errors already.
    }
  }

  save(name: PanelName): void {
    void this.api['prefs.set']({ key: KEY[name], value: String(this[name]) }).catch(() => undefined);
  }
}
