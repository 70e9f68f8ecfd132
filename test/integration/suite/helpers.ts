/** Helpers for the in-host suite: the extension's API, waiting for the index, writing fixture files. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import type { FormHandle } from '../../../src/vscode/form/formProbe';
import { addDays, isoDateOf } from '../../../src/core/dates';

export const EXTENSION_ID = 'first-class-one-on-ones.first-class-one-on-ones';
export const today = isoDateOf(new Date());
export const d = (offset: number): string => addDays(today, offset);

export async function api(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, 'the extension is installed');
  const a = await ext.activate();
  await a.service.ready();
  return a;
}

export function workspaceUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

export function teamFile(path: string): vscode.Uri {
  return workspaceUri('one-on-ones', ...path.split('/'));
}

export async function write(path: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(teamFile(path), new TextEncoder().encode(text));
}

export async function read(path: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(teamFile(path)));
}

export async function exists(path: string): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(teamFile(path));
    return true;
  } catch {
    return false;
  }
}

/** Polls until `check` passes (watcher events and debouncing take a moment); fails with the last error. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 10000): Promise<void> {
  const started = Date.now();
  let last: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      await check();
      return;
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw last;
}

export function diagnostics(path: string, rule?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(teamFile(path)).filter((d) => !rule || (typeof d.code === 'object' && d.code.value === rule));
}

/**
 * Puts the team folder back to the suite's team (`writeTeam`), whatever an earlier test file left in it (new reports,
 * notes, edits), and waits until the extension has taken it in: every test file starts from the same folder, so none
 * depends on what another file's hooks or tests did.
 */
export async function resetTeam(): Promise<void> {
  const a = await api();
  const root = teamFile('');
  let entries: Array<[string, vscode.FileType]> = [];
  try {
    entries = await vscode.workspace.fs.readDirectory(root);
  } catch {
    // no team folder yet: writeTeam makes it
  }
  for (const [name] of entries) {
    if (name !== 'team.yaml') await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, name), { recursive: true, useTrash: false });
  }
  await writeTeam();
  await a.service.rescan();
  // Editors still open on the team's files (earlier tests') take the new text in from disk: wait for it, so an edit
  // made through them is not refused as made on an older version.
  await eventually(async () => {
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.isDirty || doc.uri.scheme !== root.scheme || !doc.uri.path.startsWith(`${root.path}/`)) continue;
      let disk: string | undefined;
      try {
        disk = new TextDecoder().decode(await vscode.workspace.fs.readFile(doc.uri));
      } catch {
        continue; // deleted: nothing to take in
      }
      assert.equal(doc.getText(), disk, `${doc.uri.path} is up to date`);
    }
  });
  await eventually(() => assert.deepEqual(a.service.queries?.reports().map((r) => r.id), ['ana-ferreira', 'bo-chen', 'cy']));
}

/**
 * The team the suite works on, dated relative to today: Ana is overdue with an expired goal and open items, Bo is on
 * track (biweekly) with a typo key in his last 1:1, Cy started three weeks ago and has had no 1:1 yet.
 */
export async function writeTeam(): Promise<void> {
  await write('team.yaml', 'manager: Kim Park\ncadence: weekly\ngrace-days: 2\n');
  await write('ana-ferreira/report.yaml', `name: Ana Lúcia Ferreira\nrole: Staff Engineer\nsince: ${d(-400)}\naspirations:\n  - Move into management\n`);
  await write('ana-ferreira/goals.yaml', [
    'goals:',
    '  - id: mentor',
    '    title: Mentor Sam through onboarding',
    '    aspiration: Move into management',
    `    start: ${d(-30)}`,
    `    end: ${d(26)}`,
    '    buddy: Priya',
    '  # an old one, still marked active',
    '  - id: demo',
    '    title: Give the demo to sales',
    `    start: ${d(-80)}`,
    `    end: ${d(-3)}`,
    '',
  ].join('\n'));
  await write(`ana-ferreira/meetings/${d(-12)}.yaml`, [
    `date: ${d(-12)}`,
    'prep:',
    '  manager:',
    '    feedback:',
    '      - {type: positive, text: Calm incident review, delivered: true}',
    '      - {type: negative, text: Decisions not written down, delivered: false}',
    '  report:',
    '    topics: [Team lead opening]',
    'goals:',
    '  mentor: Two pairing sessions',
    '  demo: Slides drafted',
    'actions:',
    `  - {text: Share the planning template, owner: manager, due: ${d(-5)}}`,
    '',
  ].join('\n'));
  await write(`ana-ferreira/meetings/${d(-19)}.yaml`, `date: ${d(-19)}\nkind: career\nprep:\n  manager:\n    feedback: [{type: positive, text: Great mentoring}]\n  report:\n    topics: [Staff path]\ngoals:\n  mentor: Started\n`);
  await write('bo-chen/report.yaml', `name: Bo Chen\ncadence: biweekly\nsince: ${d(-200)}\n`);
  await write('bo-chen/goals.yaml', `goals:\n  - {id: talk, title: Give a tech talk, start: ${d(-20)}, end: ${d(10)}}\n`);
  await write(`bo-chen/meetings/${d(-3)}.yaml`, `date: ${d(-3)}\nkind: career\nprpe:\n  manager: {}\nprep:\n  manager:\n    feedback: [{type: negative, text: Late reviews}]\n  report:\n    topics: [Talk outline]\ngoals:\n  talk: Outline ready\n`);
  await write(`bo-chen/meetings/${d(-17)}.yaml`, `date: ${d(-17)}\nprep:\n  manager:\n    feedback: [{type: positive, text: Good questions}]\n  report:\n    topics: [Conference]\ngoals:\n  talk: Picked a topic\n`);
  await write('cy/report.yaml', `name: Cy\nsince: ${d(-20)}\n`);
}

/** The 1:1 form's view type (its custom editor). */
export const FORM_VIEW_TYPE = 'oneOnOnes.meetingForm';

/** The active editor tab's input. */
export function activeInput(): unknown {
  return vscode.window.tabGroups.activeTabGroup.activeTab?.input;
}

/** Whether a tab input is the 1:1 form on that file. */
export function isFormTab(input: unknown, uri: vscode.Uri): boolean {
  return input instanceof vscode.TabInputCustom && input.viewType === FORM_VIEW_TYPE && input.uri.toString() === uri.toString();
}

/** Opens the file as VS Code opens any file (vscode.open), and plays the webview's `ready`. */
export async function openForm(path: string): Promise<{ session: FormHandle; doc: vscode.TextDocument }> {
  const uri = teamFile(path);
  await vscode.commands.executeCommand('vscode.open', uri);
  await eventually(() => assert.ok(isFormTab(activeInput(), uri), 'the 1:1 form is the active editor'));
  const a = await api();
  let session: FormHandle | undefined;
  await eventually(() => {
    session = a.forms.sessionFor(uri);
    assert.ok(session);
  });
  await session!.receive({ type: 'ready' });
  return { session: session!, doc: session!.document };
}
