/** The extension's settings as the core needs them, and which of their changes matter. */
import * as vscode from 'vscode';
import type { RuleSettings } from '../../core/rules/registry';
import type { SeveritySetting } from '../../core/types';

export const CONFIG = 'oneOnOnes';

export function readRuleSettings(): RuleSettings {
  const c = vscode.workspace.getConfiguration(CONFIG);
  return {
    severities: c.get<Record<string, SeveritySetting>>('rules', {}),
    statusUpdateHeuristic: c.get<boolean>('statusUpdateHeuristic', true),
  };
}

export interface SettingsListener {
  /** The team folder setting changed: the folder must be found again. */
  folderChanged(): void;
  /** A rule setting changed: the rules run again with the new settings. */
  rulesChanged(settings: RuleSettings): void;
}

export function watchSettings(listener: SettingsListener): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(`${CONFIG}.teamFolder`)) listener.folderChanged();
    else if (e.affectsConfiguration(`${CONFIG}.rules`) || e.affectsConfiguration(`${CONFIG}.statusUpdateHeuristic`)) listener.rulesChanged(readRuleSettings());
  });
}
