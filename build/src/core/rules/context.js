"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isHeldBy = isHeldBy;
exports.buildReportContext = buildReportContext;
exports.actionKey = actionKey;
exports.goalEndOf = goalEndOf;
exports.daysLeft = daysLeft;
exports.reportAnchor = reportAnchor;
exports.anchorIn = anchorIn;
/**
 * What the rules (and the views) know about one report on one day: computed once from the index, read by every rule.
 * Pure: the index has already loaded the meetings; nothing here reads files or the clock.
 */
const dates_1 = require("../dates");
const files_1 = require("../format/files");
const parse_1 = require("../format/parse");
function isHeldBy(m, today) {
    return m.value?.status === 'held' && m.ref.date <= today;
}
function buildReportContext(index, report, today) {
    const team = index.team;
    const profile = report.profile?.value;
    const cadence = profile?.cadence ?? team.cadence;
    const cadenceDays = (0, dates_1.parseDuration)(cadence) ?? 7;
    const paused = profile?.paused ?? [];
    const meetings = index.loadedMeetings(report.id);
    const held = meetings.filter((m) => isHeldBy(m, today));
    const lastHeld = held[0];
    const goals = report.goals?.value ?? [];
    const goalLengthDays = (0, dates_1.parseDuration)(team.goalLength) ?? 56;
    return {
        today,
        team,
        report,
        name: index.displayName(report),
        profile,
        profileFile: report.profile?.file,
        goalsFile: report.goals?.file,
        goals,
        cadence,
        cadenceDays,
        graceDays: team.graceDays,
        careerEveryDays: (0, dates_1.parseDuration)(team.careerEvery) ?? 56,
        goalLengthDays,
        paused,
        meetings,
        held,
        lastHeld,
        countedDaysSinceLastHeld: lastHeld ? (0, dates_1.countedDaysBetween)(lastHeld.ref.date, today, paused) : undefined,
        nextDue: lastHeld ? (0, dates_1.addCountedDays)(lastHeld.ref.date, cadenceDays, paused) : undefined,
        pausedToday: (0, dates_1.isInPeriod)(today, paused),
        activeGoals: goals.filter((g) => g.status === 'active'),
        openActions: openActions(meetings, today),
    };
}
function actionKey(a) {
    return `${a.owner}\u0000${a.text.trim().replace(/\s+/g, ' ').toLowerCase()}`;
}
/**
 * Actions still open, across the loaded meetings. Start 1:1 Note carries open actions into the new file, so the
 * same action appears in several meetings: it is one action (same owner and text), and its newest copy decides
 * whether it is done.
 */
function openActions(newestFirst, today) {
    const newest = new Map();
    const oldest = new Map();
    for (const m of newestFirst) {
        for (const a of m.value?.actions ?? []) {
            const k = actionKey(a);
            if (!newest.has(k))
                newest.set(k, { action: a, meeting: m });
            oldest.set(k, m);
        }
    }
    const out = [];
    for (const [k, { action, meeting }] of newest) {
        if (action.done)
            continue;
        const firstSeen = oldest.get(k) ?? meeting;
        const heldSince = newestFirst.filter((m) => isHeldBy(m, today) && laterThan(m, firstSeen)).length;
        out.push({ action, meeting, firstSeen, heldSince });
    }
    return out;
}
function laterThan(a, b) {
    return a.ref.date > b.ref.date || (a.ref.date === b.ref.date && a.ref.seq > b.ref.seq);
}
function goalEndOf(ctx, goal) {
    return (0, files_1.goalEnd)(goal, ctx.goalLengthDays);
}
function daysLeft(ctx, goal) {
    return (0, dates_1.daysBetween)(ctx.today, goalEndOf(ctx, goal));
}
/** Where a finding about the report as a whole goes: the `name` in report.yaml, else the report's folder. */
function reportAnchor(ctx) {
    const f = ctx.profileFile;
    if (!f)
        return { file: ctx.report.path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
    return { file: f.path, range: f.spans.has('name') ? (0, parse_1.rangeOfPath)(f, ['name']) : (0, parse_1.firstLineRange)(f) };
}
/** The range of a value (or, when absent, of the first of the fallbacks that exists) in a file. */
function anchorIn(file, ...paths) {
    for (const p of paths) {
        if (file.spans.has((0, parse_1.pathKey)(p)) || file.keySpans.has((0, parse_1.pathKey)(p)))
            return (0, parse_1.rangeOfPath)(file, p);
    }
    return (0, parse_1.firstLineRange)(file);
}
//# sourceMappingURL=context.js.map