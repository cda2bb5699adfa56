/**
 * The team's shared data (upstream configs, calibration, reference) lives in ../shared beside the
 * repository, or where PEFT_LENS_SHARED points. Tests that need it fail, saying what is missing and
 * where it was looked for, instead of skipping: a suite that quietly ran less is not a passing suite.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const SHARED_DIR = resolve(process.env.PEFT_LENS_SHARED ?? '../shared');

export function requireShared(...parts: string[]): string {
  const path = resolve(SHARED_DIR, ...parts);
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: this test needs the team's shared data (${parts.join('/')}) in ../shared beside the repository, or set PEFT_LENS_SHARED to its folder`);
  }
  return path;
}
