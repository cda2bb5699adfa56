/** The commands of the PEFT category; their titles and menus are in package.json `contributes`. */
import * as vscode from 'vscode';
import { SHOW_BREAKDOWN_COMMAND } from '../../../server/src/protocol';
import { compareRanks } from './compareRanks';
import { insertMethod } from './insertMethod';
import { largestFit } from './largestFit';
import { registerModelFixes } from './modelFixes';
import { SELECT_GPU_COMMAND, selectGpu } from './selectGpu';
import { showBreakdown } from './showBreakdown';

export function registerCommands(): vscode.Disposable {
  const commands: [string, (...args: unknown[]) => Promise<unknown>][] = [
    [SHOW_BREAKDOWN_COMMAND, showBreakdown],
    ['peftLens.compareRanks', compareRanks],
    ['peftLens.largestFit', largestFit],
    [SELECT_GPU_COMMAND, selectGpu],
    ['peftLens.insertMethod', insertMethod],
  ];
  return vscode.Disposable.from(registerModelFixes(), ...commands.map(([id, run]) => vscode.commands.registerCommand(id, (...args: unknown[]) => report(id, () => run(...args)))));
}

/** A failed request becomes an error notification instead of an unhandled rejection. */
async function report<T>(id: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    void vscode.window.showErrorMessage(`PEFT Lens (${id}): ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
