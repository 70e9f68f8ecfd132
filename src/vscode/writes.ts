/**
 * Every write the extension makes goes through here: only in a trusted workspace, only inside the team folder, never
 * through a symbolic link, and always as a WorkspaceEdit (so it is undoable and lands in open editors) whose result
 * is checked. New files are created with their contents in one step.
 */
import * as vscode from 'vscode';
import type { TextEdit } from '../core/edit/yamlEdit';
import { teamPath, teamUri } from './teamFs';

export class WriteRefused extends Error {}

export function requireTrust(): void {
  if (!vscode.workspace.isTrusted) {
    throw new WriteRefused('First-Class 1:1s does not change files in Restricted Mode. Trust this workspace to write 1:1 notes.');
  }
}

/**
 * The one walk that refuses symbolic links: `base` itself, then each folder from `base` down to `target` and the
 * target, stat'ed in turn. A missing part ends the walk (nothing below it exists, so nothing below it is a link).
 * Called with the workspace folder as `base` before the team folder exists, and with the team folder before a write.
 */
async function refuseLinksBelow(base: vscode.Uri, target: vscode.Uri, baseName: string): Promise<void> {
  const rel = teamPath(base, target);
  if (rel === undefined) throw new WriteRefused('Refusing a folder outside the workspace folder.');
  const parts = rel === '' ? [] : rel.split('/');
  for (let i = 0; i <= parts.length; i++) {
    const st = await vscode.workspace.fs.stat(i === 0 ? base : teamUri(base, parts.slice(0, i).join('/'))).then((s) => s, () => undefined);
    if (!st) return;
    if (st.type & vscode.FileType.SymbolicLink) {
      throw new WriteRefused(i === 0 ? `Refusing to write: ${baseName} is a symbolic link.` : `Refusing to write through a symbolic link: ${parts.slice(0, i).join('/')}`);
    }
  }
}

/** Refuses when `target` or any folder from `base` down to it is a symbolic link (missing parts are fine). */
export async function refuseLinks(base: vscode.Uri, target: vscode.Uri): Promise<void> {
  await refuseLinksBelow(base, target, 'the folder');
}

/** Refuses a target outside the team folder, or any symbolic link from the team folder itself down to the target. */
async function checkTarget(root: vscode.Uri, uri: vscode.Uri): Promise<void> {
  const rel = teamPath(root, uri);
  if (rel === undefined || rel === '') throw new WriteRefused(`Refusing to write outside the team folder: ${uri.fsPath}`);
  await refuseLinksBelow(root, uri, 'the team folder');
}

/** The one conversion of the core's offset edit to VS Code's Range, on the document the edit was computed from. */
function rangeOf(doc: vscode.TextDocument, e: TextEdit): vscode.Range {
  return new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length));
}

export async function createFile(root: vscode.Uri, path: string, text: string): Promise<vscode.Uri> {
  requireTrust();
  const uri = teamUri(root, path);
  await checkTarget(root, uri);
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { overwrite: false, ignoreIfExists: false, contents: new TextEncoder().encode(text) });
  if (!(await vscode.workspace.applyEdit(edit))) throw new WriteRefused(`Could not create ${path} (does it exist already?).`);
  return uri;
}

/**
 * Applies edits computed from the document's current text. `compute` gets that text and returns the edit; it runs
 * on the document version the edit is applied to, so a concurrent change cannot make it stale. The document is
 * saved afterwards if it had no unsaved changes before (the user's own unsaved work is left for them to save).
 */
export async function editFile(root: vscode.Uri, path: string, compute: (text: string) => TextEdit): Promise<vscode.TextDocument> {
  requireTrust();
  const uri = teamUri(root, path);
  await checkTarget(root, uri);
  const doc = await vscode.workspace.openTextDocument(uri);
  const wasDirty = doc.isDirty;
  const version = doc.version;
  const e = compute(doc.getText());
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, rangeOf(doc, e), e.text);
  if (doc.version !== version) throw new WriteRefused(`${path} changed while the edit was prepared; try again.`);
  if (!(await vscode.workspace.applyEdit(edit))) throw new WriteRefused(`Could not edit ${path}.`);
  if (!wasDirty) await doc.save();
  return doc;
}

/** A WorkspaceEdit for a code action (applied by VS Code when the user picks the fix). */
export function workspaceEditFor(doc: vscode.TextDocument, e: TextEdit): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, rangeOf(doc, e), e.text);
  return edit;
}

/**
 * Applies one edit to an open document, leaving it unsaved (the form's edits: VS Code owns dirty state, save and
 * undo). `compute` runs on the document's current text right before the edit is applied; if the document changes
 * in between, nothing is written and WriteRefused says so. Returns once VS Code has applied the edit, with the
 * document version the edit made (undefined when there was nothing to change).
 */
export async function applyDocumentEdit(root: vscode.Uri, doc: vscode.TextDocument, compute: (text: string) => TextEdit): Promise<number | undefined> {
  requireTrust();
  await checkTarget(root, doc.uri);
  const version = doc.version;
  const e = compute(doc.getText());
  if (e.length === 0 && e.text === '') return undefined;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, rangeOf(doc, e), e.text);
  if (doc.version !== version) throw new WriteRefused('The file changed while the edit was prepared; try again.');
  if (!(await vscode.workspace.applyEdit(edit))) throw new WriteRefused('VS Code did not apply the change to the file.');
  // One replace makes one new version: this one is ours (later ones may be a keystroke that came in meanwhile).
  return version + 1;
}

/**
 * Renames an open document inside the team folder and edits its text, in ONE WorkspaceEdit: one entry in VS Code's
 * undo, and no moment where the file has the new name but the old content (or the reverse). The edit is computed
 * from the document's current text and applied first, to the old name (so VS Code checks it against that version);
 * the rename then carries the document, unsaved changes included, to the new name. Refused in Restricted Mode, when
 * either name is outside the team folder or reached through a symbolic link, or when the new name exists. Saved
 * afterwards only if the document had no unsaved changes before (as `editFile` does): the user's own unsaved work
 * moves with the file and stays theirs to save.
 */
export async function renameWithEdit(root: vscode.Uri, doc: vscode.TextDocument, target: vscode.Uri, compute: (text: string) => TextEdit): Promise<vscode.Uri> {
  requireTrust();
  await checkTarget(root, doc.uri);
  await checkTarget(root, target);
  const taken = await vscode.workspace.fs.stat(target).then(() => true, () => false);
  if (taken) throw new WriteRefused('A file with that name exists already; nothing was moved.');
  const wasDirty = doc.isDirty;
  const version = doc.version;
  const e = compute(doc.getText());
  const edit = new vscode.WorkspaceEdit();
  if (e.length > 0 || e.text !== '') edit.replace(doc.uri, rangeOf(doc, e), e.text);
  edit.renameFile(doc.uri, target, { overwrite: false, ignoreIfExists: false });
  if (doc.version !== version) throw new WriteRefused('The file changed while the move was prepared; try again.');
  if (!(await vscode.workspace.applyEdit(edit))) throw new WriteRefused('VS Code did not move the file.');
  if (!wasDirty) {
    const moved = vscode.workspace.textDocuments.find((t) => t.uri.toString() === target.toString());
    if (moved?.isDirty) await moved.save();
  }
  return target;
}
