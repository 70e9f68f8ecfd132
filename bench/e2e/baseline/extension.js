'use strict';
// The do-nothing extension the end-to-end benchmark compares with (bench/e2e/hostBench.ts): it activates on the
// same events as First-Class 1:1s and creates the same watcher on the team folder (`**`, dot-folders skipped), and
// only counts the events. What the extension costs above this is its own doing.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- VS Code loads an extension's main with require
const vscode = require('vscode');

exports.activate = (context) => {
  let events = 0;
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder) {
    const root = vscode.Uri.joinPath(folder.uri, 'one-on-ones');
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root, '**'));
    const on = (uri) => {
      const rel = uri.path.slice(root.path.length + 1);
      if (!rel.split('/').some((p) => p.startsWith('.'))) events++;
    };
    context.subscriptions.push(watcher, watcher.onDidCreate(on), watcher.onDidChange(on), watcher.onDidDelete(on));
  }
  return { events: () => events };
};

exports.deactivate = () => undefined;
