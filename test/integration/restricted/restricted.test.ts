import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';

const ID = 'first-class-one-on-ones.first-class-one-on-ones';

function teamFile(path: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'one-on-ones', ...path.split('/'));
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

describe('in Restricted Mode (untrusted workspace)', () => {
  let api: ExtensionApi;
  before(async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the workspace is untrusted');
    api = await vscode.extensions.getExtension<ExtensionApi>(ID)!.activate();
    await api.service.ready();
  });

  it('the tree and the diagnostics still work', async () => {
    const rows = (await api.reports.getChildren()).map((n) => api.reports.getTreeItem(n).label);
    assert.deepEqual(rows, ['Kim Lee']);
    const diags = vscode.languages.getDiagnostics(teamFile('kim/meetings/2026-11-02.yaml'));
    assert.ok(diags.some((d) => typeof d.code === 'object' && d.code.value === 'schema'));
  });

  it('commands that write refuse, and write nothing', async () => {
    const meetings = await vscode.workspace.fs.readDirectory(teamFile('kim/meetings'));
    assert.equal(await vscode.commands.executeCommand('oneOnOnes.startNote', 'kim'), undefined);
    assert.equal(await vscode.commands.executeCommand('oneOnOnes.startCareerConversation', 'kim'), undefined);
    assert.equal(await vscode.commands.executeCommand('oneOnOnes.addReport', { name: 'Nobody', role: '', cadence: '' }), undefined);
    assert.equal(await vscode.commands.executeCommand('oneOnOnes.pauseCadence', 'kim', { from: '2026-11-01', to: null, reason: '' }), undefined);
    assert.deepEqual(await vscode.workspace.fs.readDirectory(teamFile('kim/meetings')), meetings);
    assert.equal(await exists(teamFile('nobody')), false);
    assert.doesNotMatch(new TextDecoder().decode(await vscode.workspace.fs.readFile(teamFile('kim/report.yaml'))), /paused/);
  });

  it('the export commands refuse (they write a file): the save dialog is never reached, nothing is written', async () => {
    let asked = 0;
    api.answerExportSave(() => {
      asked++;
      return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'export.md');
    });
    try {
      for (const [id, answers] of [['exportAgenda', { date: '2026-11-09', includeFeedback: false }], ['exportCalendar', {}], ['exportHandbook', {}], ['exportReview', { from: '2026-01-01', to: '2026-12-31', includePrivate: false }], ['exportHandoff', {}]] as const) {
        assert.equal(await vscode.commands.executeCommand(`oneOnOnes.${id}`, 'kim', answers), undefined, id);
        const entry = (vscode.extensions.getExtension(ID)!.packageJSON as { contributes: { menus: { commandPalette: Array<{ command: string; when?: string }> } } })
          .contributes.menus.commandPalette.find((m) => m.command === `oneOnOnes.${id}`);
        assert.match(entry?.when ?? '', /isWorkspaceTrusted/, id);
      }
      assert.equal(asked, 0);
      assert.equal(await exists(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'export.md')), false);
    } finally {
      api.answerExportSave(undefined);
    }
  });

  it('the 1:1 form opens read-only and refuses edits', async () => {
    const uri = teamFile('kim/meetings/2026-11-02.yaml');
    await vscode.commands.executeCommand('vscode.open', uri);
    let session: ReturnType<ExtensionApi['forms']['sessionFor']>;
    const started = Date.now();
    while (!(session = api.forms.sessionFor(uri)) && Date.now() - started < 10000) await new Promise((r) => setTimeout(r, 100));
    assert.ok(session, 'the form opened');
    await session.receive({ type: 'ready' });
    const state = session.lastState;
    assert.ok(state?.kind === 'form' && state.readOnly && /Restricted Mode/.test(state.readOnlyReason ?? ''));
    const before = session.document.getText();
    await session.receive({ type: 'edit', seq: 1, version: session.document.version, edit: { op: 'set', field: 'notes', value: 'Written in Restricted Mode' } });
    assert.match(session.lastRefusal ?? '', /Restricted Mode/);
    assert.equal(session.document.getText(), before);
    assert.equal(session.document.isDirty, false);
  });

  it('the manifest hides writing commands and marks teamFolder restricted', () => {
    const pkg = vscode.extensions.getExtension(ID)!.packageJSON as {
      capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
      contributes: { menus: { commandPalette: Array<{ command: string; when?: string }> } };
    };
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['oneOnOnes.teamFolder']);
    for (const id of ['startNote', 'addReport', 'addGoal', 'markSkipped', 'pauseCadence', 'createTeamFolder']) {
      const entry = pkg.contributes.menus.commandPalette.find((m) => m.command === `oneOnOnes.${id}`);
      assert.match(entry?.when ?? '', /isWorkspaceTrusted/, id);
    }
  });
});
