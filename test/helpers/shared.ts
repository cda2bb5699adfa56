/**
 * The team's shared data (upstream configs, calibration) lives in ../shared beside the repository,
 * or where PEFT_LENS_SHARED points. Tests that need it are skipped, saying so, when it is absent.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const SHARED_DIR = resolve(process.env.PEFT_LENS_SHARED ?? '../shared');

export function sharedPath(...parts: string[]): string | undefined {
  const path = resolve(SHARED_DIR, ...parts);
  return existsSync(path) ? path : undefined;
}
