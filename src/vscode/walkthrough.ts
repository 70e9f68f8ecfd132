/**
 * The Get Started walkthrough (`contributes.walkthroughs`): five steps that teach the weekly loop by doing it. This
 * module only opens it: once on the first activation after install, and from the palette (1:1s: Open Walkthrough).
 */
import * as vscode from 'vscode';

/** The walkthrough's id in package.json. */
export const WALKTHROUGH_ID = 'firstClassOneOnOnes';
/** Set on the first activation, so the walkthrough opens once per installation (per user), never again by itself. */
const SHOWN_KEY = 'oneOnOnes.walkthroughShown';

export function registerWalkthrough(context: vscode.ExtensionContext): vscode.Disposable[] {
  const open = async (): Promise<void> => {
    // `<publisher>.<name>#<walkthrough id>`; `false`: open it in the editor area, not to the side.
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, false);
  };
  if (!context.globalState.get<boolean>(SHOWN_KEY)) {
    // VS Code's own switch for walkthroughs of new extensions is respected; the in-host test suite never gets it
    // (a page opening in the middle of its own editor checks).
    const wanted = vscode.workspace.getConfiguration('workbench.welcomePage').get<boolean>('walkthroughs.openOnInstall', true);
    // Opened once the workbench holds the "shown" mark: a window closed right after never shows it twice.
    void context.globalState.update(SHOWN_KEY, true).then(() => {
      if (wanted && context.extensionMode !== vscode.ExtensionMode.Test) return open();
      return undefined;
    }).then(undefined, () => undefined);
  }
  return [vscode.commands.registerCommand('oneOnOnes.openWalkthrough', open)];
}
