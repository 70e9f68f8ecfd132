"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.pathKey = void 0;
exports.parseTeamFile = parseTeamFile;
exports.parseReportFile = parseReportFile;
exports.parseGoalsFile = parseGoalsFile;
exports.goalEnd = goalEnd;
exports.goalLengthDays = goalLengthDays;
exports.meetingFileDate = meetingFileDate;
exports.parseMeetingFile = parseMeetingFile;
/**
 * The four kinds of file in a team folder, parsed into models with defaults applied. Each parser returns the model
 * (undefined only when nothing usable is left) together with the file's spans and findings.
 */
const dates_1 = require("../dates");
const types_1 = require("../types");
const parse_1 = require("./parse");
Object.defineProperty(exports, "pathKey", { enumerable: true, get: function () { return parse_1.pathKey; } });
const schema_1 = require("./schema");
const s = (v) => (typeof v === 'string' ? v : undefined);
const list = (v) => (Array.isArray(v) ? v : []);
const obj = (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map) ? v : undefined);
function parseTeamFile(path, text) {
    const { file, raw } = (0, parse_1.parseYaml)(path, text, schema_1.TEAM_FILE);
    const r = raw ?? {};
    const value = {
        manager: s(r.manager),
        cadence: s(r.cadence) ?? types_1.TEAM_DEFAULTS.cadence,
        graceDays: typeof r['grace-days'] === 'number' ? r['grace-days'] : types_1.TEAM_DEFAULTS.graceDays,
        careerEvery: s(r['career-every']) ?? types_1.TEAM_DEFAULTS.careerEvery,
        goalLength: s(r['goal-length']) ?? types_1.TEAM_DEFAULTS.goalLength,
    };
    return { file, value };
}
function parseReportFile(path, text) {
    const { file, raw } = (0, parse_1.parseYaml)(path, text, schema_1.REPORT_FILE);
    if (!raw)
        return { file, value: undefined };
    const paused = [];
    list(raw.paused).forEach((p, i) => {
        const o = obj(p);
        const from = s(o?.from);
        if (!o || !from)
            return;
        const to = s(o.to);
        if (to !== undefined && to < from) {
            file.findings.push({ file: path, range: (0, parse_1.rangeOfPath)(file, ['paused', i, 'to']), rule: 'schema', message: `This leave ends (${to}) before it starts (${from}).` });
            return;
        }
        paused.push({ from, to, reason: s(o.reason) });
    });
    const value = {
        name: s(raw.name) ?? '',
        role: s(raw.role),
        since: s(raw.since),
        cadence: s(raw.cadence),
        paused,
        aspirations: list(raw.aspirations).filter((a) => typeof a === 'string' && a.trim() !== ''),
    };
    return { file, value };
}
function parseGoalsFile(path, text) {
    const { file, raw } = (0, parse_1.parseYaml)(path, text, schema_1.GOALS_FILE);
    const goals = [];
    const firstIndexOf = new Map();
    list(raw?.goals).forEach((g, index) => {
        const o = obj(g);
        const id = s(o?.id);
        const title = s(o?.title);
        const start = s(o?.start);
        if (!o || id === undefined || title === undefined || start === undefined)
            return;
        const first = firstIndexOf.get(id);
        if (first !== undefined) {
            file.findings.push({
                file: path,
                range: (0, parse_1.rangeOfPath)(file, ['goals', index, 'id']),
                rule: 'duplicate-id',
                message: `Goal id \`${id}\` is already used by goal ${first + 1} in this file; check-ins could not tell them apart.`,
                data: { id },
            });
            return;
        }
        firstIndexOf.set(id, index);
        let end = s(o.end);
        if (end !== undefined && end < start) {
            file.findings.push({ file: path, range: (0, parse_1.rangeOfPath)(file, ['goals', index, 'end']), rule: 'schema', message: `This goal ends (${end}) before it starts (${start}).` });
            end = undefined;
        }
        goals.push({
            id,
            title,
            aspiration: s(o.aspiration),
            start,
            end,
            status: s(o.status) ?? 'active',
            buddy: s(o.buddy),
            success: s(o.success),
            index,
        });
    });
    return { file, value: goals };
}
/** The end of a goal: as written, or start + the team goal length (in days). */
function goalEnd(goal, goalLengthDays) {
    return goal.end ?? (0, dates_1.addDays)(goal.start, goalLengthDays);
}
function goalLengthDays(goal, goalLengthDaysDefault) {
    return goal.end === undefined ? goalLengthDaysDefault : (0, dates_1.daysBetween)(goal.start, goal.end);
}
/** The date in a meeting file's name, or undefined when the name is not `YYYY-MM-DD[-N].yaml`. */
function meetingFileDate(fileName) {
    const m = schema_1.MEETING_FILE_NAME.exec(fileName);
    if (!m || !(0, dates_1.isIsoDate)(m[1]))
        return undefined;
    return { date: m[1], seq: m[2] ? Number(m[2]) : 1 };
}
function parseMeetingFile(path, text, fileDate) {
    const { file, raw } = (0, parse_1.parseYaml)(path, text, schema_1.MEETING_FILE);
    const r = raw ?? {};
    const date = s(r.date);
    if (date !== undefined && fileDate !== undefined && date !== fileDate) {
        file.findings.push({
            file: path,
            range: (0, parse_1.rangeOfPath)(file, ['date']),
            rule: 'date-mismatch',
            message: `\`date: ${date}\` does not match the file name (${fileDate}): rename the file or fix the date, or this 1:1 is counted on the wrong day.`,
            data: { date, fileDate },
        });
    }
    const prep = obj(r.prep);
    const manager = obj(prep?.manager);
    const report = obj(prep?.report);
    const feedback = [];
    list(manager?.feedback).forEach((f, index) => {
        const o = obj(f);
        if (o && (o.type === 'positive' || o.type === 'negative') && typeof o.text === 'string') {
            feedback.push({ index, type: o.type, text: o.text, delivered: o.delivered === true });
        }
    });
    const actions = [];
    list(r.actions).forEach((a, index) => {
        const o = obj(a);
        if (o && typeof o.text === 'string' && (o.owner === 'report' || o.owner === 'manager')) {
            actions.push({ index, text: o.text, owner: o.owner, due: s(o.due), done: o.done === true });
        }
    });
    const goals = [];
    if (r.goals instanceof Map) {
        for (const [goalId, checkIn] of r.goals)
            goals.push({ goalId, text: typeof checkIn === 'string' ? checkIn : '' });
    }
    const value = {
        date,
        status: s(r.status) ?? 'held',
        kind: s(r.kind) ?? 'regular',
        skipReason: s(r['skip-reason']),
        feedback,
        managerTopics: nonEmptyStrings(manager?.topics),
        reportTopics: nonEmptyStrings(report?.topics),
        goals,
        notes: s(r.notes),
        private: s(r.private),
        actions,
    };
    return { file, value };
}
function nonEmptyStrings(v) {
    const out = [];
    list(v).forEach((t, index) => {
        if (typeof t === 'string' && t.trim() !== '')
            out.push({ index, text: t });
    });
    return out;
}
//# sourceMappingURL=files.js.map