/**
 * Settings arrive as the `peftLens` section: pulled with workspace/configuration when the client
 * supports it, else taken from initializationOptions or didChangeConfiguration pushes.
 */
import type { Connection } from 'vscode-languageserver/node';
import type { Settings } from '../../core/src/index';
import { resolveSettings } from '../../core/src/index';

export const SECTION = 'peftLens';

export class SettingsStore {
  private current: Settings;

  constructor(private readonly connection: Connection, private readonly canPull: boolean, initial?: Record<string, unknown>) {
    this.current = resolveSettings(initial as Partial<Settings> | undefined);
  }

  get value(): Settings {
    return this.current;
  }

  /** Refreshes from the client; `pushed` is what a didChangeConfiguration carried, if anything. */
  async refresh(pushed?: unknown): Promise<void> {
    if (this.canPull) {
      const section = await this.connection.workspace.getConfiguration(SECTION).catch(() => undefined);
      this.current = resolveSettings(section as Partial<Settings> | undefined);
      return;
    }
    const section = (pushed as Record<string, unknown> | undefined)?.[SECTION];
    if (section && typeof section === 'object') this.current = resolveSettings(section as Partial<Settings>);
  }
}
