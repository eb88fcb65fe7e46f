// The shell's state: which view is open and the theme. Persisted through the host's prefs.

import type { LabApi } from '../../../electron/common/client.js';

export type ViewName = 'labs' | 'playground' | 'probes';
export type Theme = 'light' | 'dark';

export const VIEWS: { id: ViewName; label: string; shortcut: string }[] = [
  { id: 'labs', label: 'Labs', shortcut: 'Ctrl+1' },
  { id: 'playground', label: 'Playground', shortcut: 'Ctrl+2' },
  { id: 'probes', label: 'Probes', shortcut: 'Ctrl+3' },
];

export class AppState {
  view = $state<ViewName>('labs');
  theme = $state<Theme>('light');
  error = $state<string | null>(null);

  constructor(private readonly api: LabApi) {}

  async load(): Promise<void> {
    try {
      const prefs = await this.api['prefs.get']({ keys: ['theme', 'view'] });
      if (prefs.theme === 'dark' || prefs.theme === 'light') this.theme = prefs.theme;
      else if (window.matchMedia?.('(prefers-color-scheme: dark)').matches) this.theme = 'dark';
      if (VIEWS.some((v) => v.id === prefs.view)) this.view = prefs.view as ViewName;
    } catch (err) {
      this.error = `Could not load preferences: ${(err as Error).message}`;
    }
  }

  show(view: ViewName): void {
    this.view = view;
    void this.api['prefs.set']({ key: 'view', value: view }).catch(() => undefined);
  }

  toggleTheme(): void {
    this.theme = this.theme === 'dark' ? 'light' : 'dark';
    void this.api['prefs.set']({ key: 'theme', value: this.theme }).catch(() => undefined);
  }
}
