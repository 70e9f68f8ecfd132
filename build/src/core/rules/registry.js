"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SEVERITY_SETTINGS = exports.RULES = void 0;
exports.severityOf = severityOf;
const rules = [
    { id: 'cadence-overdue', family: 'cadence', severity: 'warning', summary: 'No held 1:1 for longer than the cadence plus grace days (leave not counted).' },
    { id: 'no-first-meeting', family: 'cadence', severity: 'warning', summary: 'A report has never had a 1:1, and has been yours longer than the cadence plus grace days.' },
    { id: 'career-overdue', family: 'cadence', severity: 'info', summary: 'No held career 1:1 within `career-every`.' },
    { id: 'goal-expired', family: 'goals', severity: 'warning', summary: 'An active goal whose end date has passed.' },
    { id: 'goal-too-long', family: 'goals', severity: 'info', summary: 'A goal longer than the goal length plus two weeks.' },
    { id: 'no-active-goal', family: 'goals', severity: 'info', summary: 'A report with no active two-month goal.' },
    { id: 'goal-not-discussed', family: 'goals', severity: 'warning', summary: 'An active goal with no check-in in the last two held 1:1s since it started.' },
    { id: 'unknown-goal', family: 'goals', severity: 'error', summary: 'A check-in names a goal id that goals.yaml does not have.' },
    { id: 'prep-missing', family: 'prep', severity: 'warning', summary: 'A planned 1:1 today, tomorrow or past, with no feedback and no topics prepared.' },
    { id: 'no-feedback', family: 'prep', severity: 'info', summary: 'A held 1:1 with no feedback.' },
    { id: 'feedback-one-sided', family: 'prep', severity: 'info', summary: 'The last five held 1:1s gave three or more feedback items, all positive or all negative.' },
    { id: 'report-silent', family: 'prep', severity: 'info', summary: 'The report brought no topics to the last three held 1:1s.' },
    { id: 'action-stale', family: 'actions', severity: 'info', summary: 'An open action past its due date, or open across two later held 1:1s.' },
    { id: 'status-update', family: 'status-update', severity: 'hint', summary: 'A topic or note line that reads like a status update (heuristic).' },
    { id: 'yaml-syntax', family: 'file', severity: 'error', summary: 'The file is not valid YAML.' },
    { id: 'schema', family: 'file', severity: 'error', summary: 'A missing required field, a wrong type, a bad date or a value outside the allowed ones.' },
    { id: 'unknown-key', family: 'file', severity: 'hint', summary: 'A key the format does not know (kept as is); suggests the nearest known key.' },
    { id: 'date-mismatch', family: 'file', severity: 'warning', summary: 'A meeting\'s `date` differs from the date in its file name.' },
    { id: 'duplicate-id', family: 'file', severity: 'error', summary: 'Two goals of one report share an id.' },
    { id: 'bad-name', family: 'file', severity: 'warning', summary: 'A folder or file name outside the layout, which is therefore not read.' },
];
exports.RULES = new Map(rules.map((r) => [r.id, r]));
/** The severity a rule reports with under the settings, or undefined when it is off. */
function severityOf(rule, settings) {
    if (rule === 'status-update' && settings.statusUpdateHeuristic === false)
        return undefined;
    const s = settings.severities?.[rule];
    if (s === 'off')
        return undefined;
    return s ?? exports.RULES.get(rule)?.severity ?? 'warning';
}
exports.SEVERITY_SETTINGS = ['off', 'hint', 'info', 'warning', 'error'];
//# sourceMappingURL=registry.js.map