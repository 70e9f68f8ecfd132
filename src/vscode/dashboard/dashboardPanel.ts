/**
 * The team dashboard panel (issue #14): one panel at most (the command reveals it when open), on the shared webview
 * host. It sends the page the core's summary and nothing else, again after the service's changes (debounced, so a
 * `git pull` draws once; the page updates in place, keeping its scroll), and does what the page asks: open a report,
 * a week's 1:1 in the form, a goal; copy the summary as Markdown; save the heatmap as an SVG inside the team folder.
 */
import * as vscode from 'vscode';
import { heatmapSvg, summaryMarkdown } from '../../core/dashboard/share';
import type { DashboardSummary } from '../../core/dashboard/summary';
import { parseDashboardPageMessage } from '../../shared/dashboardProtocol';
import type { DashboardHostMessage, DashboardPageMessage } from '../../shared/dashboardProtocol';
import { errorKind } from '../errors';
import { FORM_VIEW_TYPE } from '../form/formEditor';
import { dashboardOf, queriesOf } from '../queries';
import { teamPath, teamUri } from '../teamFs';
import type { TeamService } from '../teamService';
import { WebviewHost } from '../webview/host';
import { refuseLinks, requireTrust, WriteRefused } from '../writes';

export const DASHBOARD_VIEW_TYPE = 'oneOnOnes.dashboard';
/** A burst of changes (a pull, a save of many files) redraws once, this long after the last one. */
const DEBOUNCE_MS = 150;
/** Messages kept for the in-host tests (what was posted to the page). */
const POSTED_KEPT = 20;

/** What the extension's API object offers about the dashboard (the in-host tests read it). */
export interface DashboardApi {
  open(): Promise<void>;
  readonly isOpen: boolean;
  /** The last summary sent to the page. */
  readonly summary: DashboardSummary | undefined;
  /** The last messages posted to the page, oldest first. */
  readonly posted: readonly DashboardHostMessage[];
  /** Handles a message as if the page sent it (checked as any page message is); resolves when it was dealt with. */
  receive(raw: unknown): Promise<void>;
  /** Resolves once the summary for the team as it is now has been posted. */
  refreshed(): Promise<void>;
}

export class DashboardPanel implements vscode.Disposable, DashboardApi {
  private host: WebviewHost<DashboardPageMessage, DashboardHostMessage> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: Promise<void> = Promise.resolve();
  private last: DashboardSummary | undefined;
  private readonly postedList: DashboardHostMessage[] = [];
  private readonly subscription: vscode.Disposable;

  /**
   * `askSaveTarget`: where to save the heatmap (by default VS Code's save dialog); the extension's API object lets the
   * in-host tests answer it, as a user would pick a place.
   */
  constructor(
    private readonly service: TeamService,
    private readonly extensionUri: vscode.Uri,
    private readonly askSaveTarget: (options: vscode.SaveDialogOptions) => Thenable<vscode.Uri | undefined> = (o) => vscode.window.showSaveDialog(o),
  ) {
    this.subscription = service.onDidChange(() => this.schedule());
  }

  get isOpen(): boolean {
    return this.host !== undefined;
  }

  get summary(): DashboardSummary | undefined {
    return this.last;
  }

  get posted(): readonly DashboardHostMessage[] {
    return this.postedList;
  }

  async open(): Promise<void> {
    if (this.host) {
      this.host.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(DASHBOARD_VIEW_TYPE, 'Team Dashboard', vscode.ViewColumn.Active, { retainContextWhenHidden: false });
    this.last = undefined;
    this.host = new WebviewHost<DashboardPageMessage, DashboardHostMessage>(panel, this.extensionUri, { app: 'dashboard', title: 'Team dashboard', loading: 'Loading the team dashboard…' }, {
      parse: parseDashboardPageMessage,
      // A reloaded page (the panel was hidden and shown again) has nothing: send the summary again, even when
      // unchanged. The summary the host holds stays meanwhile, so a button pressed at once still has what it needs.
      ready: () => this.refresh(true),
      message: (m) => this.handle(m),
      closed: () => {
        this.host = undefined;
        this.last = undefined;
      },
    });
    await this.refresh();
  }

  async receive(raw: unknown): Promise<void> {
    if (this.host) await this.host.receive(raw);
  }

  refreshed(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      return this.refresh();
    }
    return this.pending.then(() => this.refresh());
  }

  private schedule(): void {
    if (!this.host) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, DEBOUNCE_MS);
  }

  /** Builds the summary and posts it when it changed (the page then updates in place). */
  private refresh(force = false): Promise<void> {
    const run = this.pending.then(async () => {
      const query = dashboardOf(this.service);
      const host = this.host;
      if (!query || !host) return;
      try {
        const summary = await query.summary();
        if ((summary === this.last && !force) || this.host !== host) return;
        this.last = summary;
        await this.post({ type: 'summary', summary });
      } catch (e) {
        console.error(`First-Class 1:1s: dashboard summary failed (${errorKind(e)})`);
      }
    });
    this.pending = run.catch(() => undefined);
    return run;
  }

  /** The summary the page shows, or (pressed before the first one arrived) the one being built. */
  private async current(): Promise<DashboardSummary | undefined> {
    if (!this.last) await this.refreshed();
    return this.last;
  }

  private async post(m: DashboardHostMessage): Promise<void> {
    this.postedList.push(m);
    if (this.postedList.length > POSTED_KEPT) this.postedList.shift();
    await this.host?.post(m);
  }

  private async handle(m: DashboardPageMessage): Promise<void> {
    const root = this.service.root;
    const queries = queriesOf(this.service);
    if (!root || !queries) return;
    switch (m.type) {
      case 'openReport': {
        const snap = queries.report(m.id);
        if (snap) await vscode.window.showTextDocument(teamUri(root, snap.context.profileFile?.path ?? `${snap.context.report.path}/report.yaml`), { preview: false });
        return;
      }
      case 'openWeek': {
        const row = this.last?.reports.find((r) => r.id === m.id);
        const cell = row?.cells.find((c) => c.week === m.week);
        if (!row || !cell) return;
        const snap = queries.report(m.id);
        const meeting = cell.meeting;
        // The file name is the 1:1's day, `-N` for the Nth of a day (see docs/format.md).
        const file = snap && meeting ? `${snap.context.report.path}/meetings/${meeting.date}${meeting.seq > 1 ? `-${meeting.seq}` : ''}.yaml` : undefined;
        // A missed (or empty) week has no 1:1: the report's file, where the cadence and leave are.
        if (file) await vscode.commands.executeCommand('vscode.openWith', teamUri(root, file), FORM_VIEW_TYPE, { preview: false });
        else await vscode.window.showTextDocument(teamUri(root, row.reportFile), { preview: false });
        return;
      }
      case 'openGoal': {
        const snap = queries.report(m.id);
        if (!snap) return;
        const file = `${snap.context.report.path}/goals.yaml`;
        const editor = await vscode.window.showTextDocument(teamUri(root, file), { preview: false });
        const text = editor.document.getText();
        const at = text.search(new RegExp(`\\bid:\\s*['"]?${m.goal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]?\\s*$`, 'm'));
        if (at >= 0) {
          const pos = editor.document.positionAt(at);
          editor.selection = new vscode.Selection(pos, pos);
          editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        }
        return;
      }
      case 'copyMarkdown': {
        const summary = await this.current();
        if (!summary) return;
        await vscode.env.clipboard.writeText(summaryMarkdown(summary));
        await this.post({ type: 'notice', text: 'Copied the team summary as Markdown.' });
        return;
      }
      case 'saveSvg':
        await this.saveSvg(root);
        return;
    }
  }

  private async saveSvg(root: vscode.Uri): Promise<void> {
    const summary = await this.current();
    if (!summary) return;
    const svg = heatmapSvg(summary);
    const target = await this.askSaveTarget({
      defaultUri: vscode.Uri.joinPath(root, `heatmap-${summary.today}.svg`),
      filters: { 'SVG image': ['svg'] },
      saveLabel: 'Save Heatmap',
      title: 'Save the cadence heatmap (inside the team folder)',
    });
    if (!target) return;
    // Only inside the team folder: the file goes into the manager's repository, nowhere else.
    const rel = target.scheme === root.scheme && target.authority === root.authority ? teamPath(root, target) : undefined;
    if (rel === undefined || rel === '') {
      await this.post({ type: 'notice', text: 'Not saved: choose a place inside the team folder.' });
      return;
    }
    const uri = teamUri(root, rel);
    try {
      // As every write of the extension: trusted workspace only, never through a symbolic link (src/vscode/writes.ts).
      requireTrust();
      await refuseLinks(root, uri);
    } catch (e) {
      if (!(e instanceof WriteRefused)) throw e;
      await this.post({ type: 'notice', text: `Not saved. ${e.message}` });
      return;
    }
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(svg));
    await this.post({ type: 'notice', text: `Saved the heatmap as ${rel}.` });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscription.dispose();
    this.host?.panel.dispose();
    this.host = undefined;
  }
}

