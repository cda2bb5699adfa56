// VS Code user settings for every e2e profile: quiet, offline and deterministic (no welcome page,
// telemetry, update or gallery checks, AI panels, git or trust prompts).
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
};
