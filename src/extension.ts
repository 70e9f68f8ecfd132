/**
 * Extension entry point. The VS Code surfaces (trees, diagnostics, commands) are adapters over the core's
 * TeamChecker; they are added in src/vscode/ and registered here, each disposable pushed to the context.
 */
import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Intentionally empty until the VS Code adapters land: activation must stay cheap and side-effect free.
}

export function deactivate(): void {
  // Every disposable is owned by the extension context.
}
