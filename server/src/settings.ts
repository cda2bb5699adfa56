/**
 * Settings arrive as the `peftLens` section: pulled with workspace/configuration when the client
 * supports it, else taken from initializationOptions or didChangeConfiguration pushes. A value of
 * the wrong shape falls back to its default (core/src/settingsCheck.ts) and is warned about once.
 */
import type { Connection } from 'vscode-languageserver/node';
import type { Settings } from '../../core/src/index';
import { checkSettings } from '../../core/src/index';

export const SECTION = 'peftLens';

export class SettingsStore {
  private current: Settings;
  private readonly warned = new Set<string>();

  constructor(private readonly connection: Connection, private readonly canPull: boolean, initial?: Record<string, unknown>) {
    this.current = this.resolve(initial);
  }

  get value(): Settings {
    return this.current;
  }

  /** Refreshes from the client; `pushed` is what a didChangeConfiguration carried, if anything. */
  async refresh(pushed?: unknown): Promise<void> {
    if (this.canPull) {
      const section = await this.connection.workspace.getConfiguration(SECTION).catch(() => undefined);
      this.current = this.resolve(section);
      return;
    }
    const section = (pushed as Record<string, unknown> | undefined)?.[SECTION];
    if (section && typeof section === 'object') this.current = this.resolve(section);
  }

  private resolve(section: unknown): Settings {
    const { settings, problems } = checkSettings(section as Partial<Settings> | undefined);
    for (const problem of problems) {
      if (this.warned.has(problem)) continue;
      this.warned.add(problem);
      this.connection.console.warn(`[settings] ${problem}`);
      void this.connection.window.showWarningMessage(`PEFT Lens: ${problem}`);
    }
    return settings;
  }
}
