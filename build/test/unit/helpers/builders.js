"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TODAY = void 0;
exports.yaml = yaml;
exports.meetingYaml = meetingYaml;
exports.reportFiles = reportFiles;
exports.weekly = weekly;
exports.check = check;
exports.ofRule = ofRule;
/** Small builders for team folders in tests: plain objects in, YAML text out. */
const yaml_1 = require("yaml");
const checker_1 = require("../../../src/core/checker");
const dates_1 = require("../../../src/core/dates");
const memoryFs_1 = require("./memoryFs");
exports.TODAY = '2026-11-24';
function yaml(value) {
    return (0, yaml_1.stringify)(value, { lineWidth: 0 });
}
/** A well-prepared held 1:1: balanced feedback, topics on both sides. Override what a test is about. */
function meetingYaml(date, spec = {}) {
    const doc = { date, status: spec.status ?? 'held' };
    if (spec.kind)
        doc.kind = spec.kind;
    doc.prep = {
        manager: {
            feedback: spec.feedback ?? [
                { type: 'positive', text: 'Clear design doc for the importer', delivered: true },
                { type: 'negative', text: 'Code reviews waited two days', delivered: true },
            ],
            topics: spec.topics ?? ['How is the on-call load?'],
        },
        report: { topics: spec.reportTopics ?? ['Conference budget'] },
    };
    if (spec.goals)
        doc.goals = spec.goals;
    if (spec.notes)
        doc.notes = spec.notes;
    if (spec.actions)
        doc.actions = spec.actions;
    Object.assign(doc, spec.extra ?? {});
    return yaml(doc);
}
/** The files of one report; by default a healthy one with an active goal discussed every week. */
function reportFiles(id, spec = {}) {
    const files = {};
    const profile = { name: spec.name ?? `Person ${id}` };
    if (spec.since)
        profile.since = spec.since;
    if (spec.cadence)
        profile.cadence = spec.cadence;
    if (spec.paused)
        profile.paused = spec.paused;
    if (spec.aspirations)
        profile.aspirations = spec.aspirations;
    files[`${id}/report.yaml`] = yaml(profile);
    if (spec.goals !== null) {
        files[`${id}/goals.yaml`] = yaml({ goals: spec.goals ?? [{ id: 'g1', title: 'Lead the billing feature', start: (0, dates_1.addDays)(exports.TODAY, -20) }] });
    }
    for (const [date, m] of Object.entries(spec.meetings ?? {}))
        files[`${id}/meetings/${date}.yaml`] = meetingYaml(date, m);
    return files;
}
/** Weekly held 1:1s going back from `last`, each checking in on goal g1 and career every 8 weeks. */
function weekly(last, count, each = () => ({})) {
    const out = {};
    for (let i = 0; i < count; i++) {
        const date = (0, dates_1.addDays)(last, -7 * i);
        out[date] = { goals: { g1: 'Moving: the API draft is out' }, kind: i % 8 === 0 ? 'career' : 'regular', ...each(date, i) };
    }
    return out;
}
async function check(files, options = {}) {
    const fs = new memoryFs_1.MemoryFileSystem(files);
    const checker = await checker_1.TeamChecker.open(fs, { today: options.today ?? exports.TODAY, settings: options.settings });
    return { problems: checker.problems(), checker, fs };
}
function ofRule(problems, rule) {
    return problems.filter((p) => p.rule === rule);
}
//# sourceMappingURL=builders.js.map