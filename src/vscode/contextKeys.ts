/**
 * The extension's context keys (when-clauses of views, menus, welcome content and the walkthrough's completion
 * events). Set through here, so the values are also known to the extension itself (and to its in-host tests, which
 * cannot read VS Code's context).
 */
import * as vscode from 'vscode';

export class ContextKeys {
  private readonly values = new Map<string, unknown>();

  set(key: string, value: unknown): Thenable<unknown> {
    this.values.set(key, value);
    return vscode.commands.executeCommand('setContext', key, value);
  }

  get(key: string): unknown {
    return this.values.get(key);
  }
}

/** The one instance of the extension host (context keys are global to the window). */
export const contextKeys = new ContextKeys();
