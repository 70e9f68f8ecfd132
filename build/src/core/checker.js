"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TeamChecker = void 0;
const dates_1 = require("./dates");
const fs_1 = require("./fs");
const teamIndex_1 = require("./index/teamIndex");
const actions_1 = require("./rules/actions");
const cadence_1 = require("./rules/cadence");
const context_1 = require("./rules/context");
const goals_1 = require("./rules/goals");
const prep_1 = require("./rules/prep");
const registry_1 = require("./rules/registry");
const statusUpdate_1 = require("./rules/statusUpdate");
const window_1 = require("./rules/window");
/** Meetings parsed per step while filling a window: the first step covers the usual case in one go. */
const FIRST_BATCH = 6;
const NEXT_BATCH = 4;
const REPORT_CONCURRENCY = 16;
class TeamChecker {
    index;
    findings = new Map();
    teamFindings = [];
    today;
    settings;
    constructor(index, options) {
        this.index = index;
        this.today = options.today;
        this.settings = options.settings ?? {};
    }
    /** Opens the team folder and checks every report. */
    static async open(fs, options) {
        const checker = new TeamChecker(await teamIndex_1.TeamIndex.open(fs), options);
        await checker.checkAll();
        return checker;
    }
    get currentToday() {
        return this.today;
    }
    /** Runs every rule again (e.g. a new day, new settings); parses only meetings a window newly needs. */
    async checkAll() {
        this.findings.clear();
        this.teamFindings = [...(this.index.teamParsed?.file.findings ?? []), ...this.index.topLevelFindings];
        await (0, fs_1.mapLimit)(this.index.reports(), REPORT_CONCURRENCY, (r) => this.checkReport(r));
    }
    async setToday(today) {
        if (today === this.today)
            return;
        this.today = today;
        await this.checkAll();
    }
    async setSettings(settings) {
        this.settings = settings;
        await this.checkAll();
    }
    /** Parses every meeting file, so that file-level rules cover all of history (the CLI's default). */
    async checkEverything() {
        await this.index.loadAllMeetings();
        await this.checkAll();
    }
    /**
     * Applies a watcher event and re-checks what it touched. Returns the problems of every file whose problems may
     * have changed (an empty list means: clear that file).
     */
    async applyChange(path, kind) {
        const before = this.filesWithFindings();
        const effect = await this.index.applyChange(path, kind);
        if (effect.reports === 'all') {
            await this.checkAll();
        }
        else {
            this.teamFindings = [...(this.index.teamParsed?.file.findings ?? []), ...this.index.topLevelFindings];
            for (const id of effect.reports) {
                const r = this.index.report(id);
                if (r)
                    await this.checkReport(r);
                else
                    this.findings.delete(id);
            }
        }
        const touched = new Set([...before, ...this.filesWithFindings(), path]);
        const byFile = this.problemsByFile();
        const out = new Map();
        for (const f of touched)
            out.set(f, byFile.get(f) ?? []);
        return out;
    }
    /** Makes sure a meeting file is parsed and checked (e.g. the user opened an old 1:1); returns its report's id. */
    async ensureChecked(path) {
        const [id, dir, fileName] = path.split('/');
        const r = this.index.report(id);
        if (!r || dir !== 'meetings' || !fileName)
            return undefined;
        const ref = r.meetings.find((m) => m.fileName === fileName);
        if (!ref || this.index.loadedMeeting(id, fileName))
            return id;
        await this.index.loadMeetings(id, [ref]);
        await this.checkReport(r);
        return id;
    }
    /** The facts the rules used for one report (for the views). */
    context(reportId) {
        const r = this.index.report(reportId);
        return r ? (0, context_1.buildReportContext)(this.index, r, this.today) : undefined;
    }
    problems() {
        const out = [];
        const add = (fs) => {
            for (const f of fs) {
                const severity = (0, registry_1.severityOf)(f.rule, this.settings);
                if (severity)
                    out.push({ ...f, severity });
            }
        };
        add(this.teamFindings);
        for (const fs of this.findings.values())
            add(fs);
        return out;
    }
    problemsByFile() {
        const map = new Map();
        for (const p of this.problems()) {
            const list = map.get(p.file);
            if (list)
                list.push(p);
            else
                map.set(p.file, [p]);
        }
        return map;
    }
    filesWithFindings() {
        const files = new Set();
        for (const f of this.teamFindings)
            files.add(f.file);
        for (const fs of this.findings.values())
            for (const f of fs)
                files.add(f.file);
        return files;
    }
    async checkReport(r) {
        await this.fillWindow(r);
        const ctx = (0, context_1.buildReportContext)(this.index, r, this.today);
        const found = [
            ...r.layoutFindings,
            ...(r.profile?.file.findings ?? []),
            ...(r.goals?.file.findings ?? []),
            ...ctx.meetings.flatMap((m) => m.file.findings),
            ...(0, cadence_1.cadenceRules)(ctx),
            ...(0, goals_1.goalRules)(ctx),
            ...(0, prep_1.prepRules)(ctx),
            ...(0, actions_1.actionRules)(ctx),
            ...(0, statusUpdate_1.statusUpdateRules)(ctx),
        ];
        this.findings.set(r.id, found);
    }
    /** Parses a report's newest meetings until the rules' window is covered (usually one batch). */
    async fillWindow(r) {
        const careerDays = (0, dates_1.parseDuration)(this.index.team.careerEvery) ?? 56;
        const paused = r.profile?.value?.paused ?? [];
        let count = 0;
        for (;;) {
            // Extend over meetings already parsed before asking for more.
            while (count < r.meetings.length && this.index.loadedMeeting(r.id, r.meetings[count].fileName))
                count++;
            const loaded = this.index.loadedMeetings(r.id).slice(0, count);
            if (count >= r.meetings.length || (count > 0 && (0, window_1.windowSatisfied)(loaded, this.today, careerDays, paused)))
                return;
            const step = count === 0 ? FIRST_BATCH : NEXT_BATCH;
            await this.index.loadMeetings(r.id, r.meetings.slice(count, count + step));
        }
    }
}
exports.TeamChecker = TeamChecker;
//# sourceMappingURL=checker.js.map