"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TeamIndex = exports.MEETINGS_DIR = exports.GOALS_FILE_NAME = exports.REPORT_FILE_NAME = exports.TEAM_FILE_NAME = void 0;
exports.suggestId = suggestId;
const files_1 = require("../format/files");
const schema_1 = require("../format/schema");
const fs_1 = require("../fs");
const types_1 = require("../types");
exports.TEAM_FILE_NAME = 'team.yaml';
exports.REPORT_FILE_NAME = 'report.yaml';
exports.GOALS_FILE_NAME = 'goals.yaml';
exports.MEETINGS_DIR = 'meetings';
/** How many files are read at once: enough to keep the disk busy, few enough not to starve the extension host. */
const IO_CONCURRENCY = 32;
function compareRefsNewestFirst(a, b) {
    if (a.date !== b.date)
        return a.date < b.date ? 1 : -1;
    return b.seq - a.seq;
}
function layoutFinding(file, message, data) {
    return { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, rule: 'bad-name', message, data };
}
class TeamIndex {
    fs;
    teamFile;
    entries = new Map();
    /** Files and folders at the top level that are not part of the layout. */
    topFindings = [];
    /** Counts of what was read, for the benchmark and tests: the index must not read more than it needs. */
    stats = { filesRead: 0, meetingsParsed: 0, directoriesListed: 0 };
    constructor(fs) {
        this.fs = fs;
    }
    /** Lists the team folder and reads the small per-report files. Meeting files are not read here. */
    static async open(fs) {
        const index = new TeamIndex(fs);
        await index.reloadAll();
        return index;
    }
    get team() {
        return this.teamFile?.value ?? types_1.TEAM_DEFAULTS;
    }
    get teamParsed() {
        return this.teamFile;
    }
    get topLevelFindings() {
        return this.topFindings;
    }
    reports() {
        return [...this.entries.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    }
    report(id) {
        return this.entries.get(id);
    }
    /** The display name: the `name` in report.yaml, else the folder id. */
    displayName(report) {
        return report.profile?.value?.name || report.id;
    }
    /** The meetings of a report parsed so far, newest first. */
    loadedMeetings(reportId) {
        const r = this.entries.get(reportId);
        if (!r)
            return [];
        const out = [];
        for (const ref of r.meetings) {
            const m = r.loaded.get(ref.fileName);
            if (m)
                out.push(m);
        }
        return out;
    }
    /** The parsed meeting, if it was loaded. */
    loadedMeeting(reportId, fileName) {
        return this.entries.get(reportId)?.loaded.get(fileName);
    }
    /**
     * Parses the given meetings (those not cached yet; with `revalidate`, also those whose file changed on disk since
     * they were read, by mtime and size) and returns them in the given order.
     */
    async loadMeetings(reportId, refs, options = {}) {
        const r = this.entries.get(reportId);
        if (!r)
            return [];
        return (0, fs_1.mapLimit)(refs, IO_CONCURRENCY, async (ref) => {
            const cached = r.loaded.get(ref.fileName);
            if (cached && options.revalidate) {
                const st = await this.fs.stat(ref.path);
                if (st && st.version === cached.version)
                    return cached;
            }
            else if (cached) {
                return cached;
            }
            return this.readMeeting(r, ref);
        });
    }
    async readMeeting(r, ref) {
        let text = '';
        let version;
        try {
            const content = await this.fs.readFile(ref.path);
            text = content.text;
            version = content.version;
            this.stats.filesRead++;
        }
        catch {
            // Deleted between the listing and the read: the watcher's delete event follows and removes it.
        }
        this.stats.meetingsParsed++;
        const parsed = (0, files_1.parseMeetingFile)(ref.path, text, ref.date);
        const loaded = { ...parsed, ref, version };
        // Only keep it if the file is still listed (a delete may have raced with the read).
        if (r.meetings.includes(ref))
            r.loaded.set(ref.fileName, loaded);
        return loaded;
    }
    /** Parses every meeting file of every report (the CLI's full check). */
    async loadAllMeetings() {
        for (const r of this.entries.values())
            await this.loadMeetings(r.id, r.meetings);
    }
    /** Applies one change reported by a file watcher. Paths are relative to the team folder. */
    async applyChange(path, kind) {
        const parts = path.split('/').filter((p) => p !== '');
        if (parts.length === 0) {
            await this.reloadAll();
            return { reports: 'all' };
        }
        if (parts.length === 1) {
            if (parts[0] === exports.TEAM_FILE_NAME) {
                this.teamFile = kind === 'deleted' ? undefined : await this.readParsed(exports.TEAM_FILE_NAME, files_1.parseTeamFile);
                return { reports: 'all' };
            }
            // A report folder appeared or went (or a stray top-level file).
            const before = this.entries.has(parts[0]);
            await this.reloadTopLevel();
            const after = this.entries.has(parts[0]);
            return { reports: new Set(before || after ? [parts[0]] : []) };
        }
        const id = parts[0];
        const r = this.entries.get(id);
        if (!r) {
            // A file inside a folder we did not know yet: the folder is new.
            await this.reloadTopLevel();
            return { reports: new Set([id]) };
        }
        const rest = parts.slice(1).join('/');
        if (rest === exports.REPORT_FILE_NAME) {
            r.profile = kind === 'deleted' ? undefined : await this.readParsed((0, fs_1.joinPath)(id, exports.REPORT_FILE_NAME), files_1.parseReportFile);
            this.refreshLayoutFindings(r);
        }
        else if (rest === exports.GOALS_FILE_NAME) {
            r.goals = kind === 'deleted' ? undefined : await this.readParsed((0, fs_1.joinPath)(id, exports.GOALS_FILE_NAME), files_1.parseGoalsFile);
        }
        else if (rest === exports.MEETINGS_DIR) {
            await this.listMeetings(r);
        }
        else if (parts.length === 3 && parts[1] === exports.MEETINGS_DIR) {
            this.meetingChanged(r, parts[2], kind);
        }
        return { reports: new Set([id]) };
    }
    meetingChanged(r, fileName, kind) {
        r.loaded.delete(fileName);
        const existing = r.meetings.findIndex((m) => m.fileName === fileName);
        if (kind === 'deleted') {
            if (existing >= 0)
                r.meetings.splice(existing, 1);
            r.layoutFindings = r.layoutFindings.filter((f) => f.file !== (0, fs_1.joinPath)(r.path, exports.MEETINGS_DIR, fileName));
            return;
        }
        if (existing >= 0)
            return; // changed: dropping the cached parse is enough; it is re-read when needed
        const ref = this.meetingRef(r, fileName);
        if (!ref) {
            this.refreshLayoutFindings(r);
            return;
        }
        // Insert in order: a binary search keeps a one-file change cheap in a history of thousands.
        let lo = 0;
        let hi = r.meetings.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (compareRefsNewestFirst(r.meetings[mid], ref) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        r.meetings.splice(lo, 0, ref);
    }
    meetingRef(r, fileName) {
        const parsed = (0, files_1.meetingFileDate)(fileName);
        if (!parsed)
            return undefined;
        return { path: (0, fs_1.joinPath)(r.path, exports.MEETINGS_DIR, fileName), fileName, date: parsed.date, seq: parsed.seq };
    }
    async reloadAll() {
        this.entries.clear();
        this.teamFile = undefined;
        await this.reloadTopLevel();
    }
    /** Lists the team folder; loads reports that are new, forgets those that went. Known reports are kept as they are. */
    async reloadTopLevel() {
        const entries = await this.fs.readDirectory('');
        this.stats.directoriesListed++;
        const found = new Set();
        const top = [];
        const toLoad = [];
        let hasTeamFile = false;
        for (const [name, kind] of entries) {
            if (name.startsWith('.'))
                continue; // .git, .vscode, editor droppings
            if (kind === 'file' && name === exports.TEAM_FILE_NAME) {
                hasTeamFile = true;
            }
            else if (kind === 'directory') {
                if (!schema_1.REPORT_ID.test(name)) {
                    top.push(layoutFinding(name, `Folder \`${name}\` is not read: report folders are named with lower-case letters, digits and dashes (e.g. \`${suggestId(name)}\`).`, { suggestion: suggestId(name) }));
                    continue;
                }
                found.add(name);
                if (!this.entries.has(name))
                    toLoad.push(name);
            }
        }
        for (const id of [...this.entries.keys()])
            if (!found.has(id))
                this.entries.delete(id);
        if (hasTeamFile && !this.teamFile)
            this.teamFile = await this.readParsed(exports.TEAM_FILE_NAME, files_1.parseTeamFile);
        if (!hasTeamFile)
            this.teamFile = undefined;
        this.topFindings = top;
        await (0, fs_1.mapLimit)(toLoad, IO_CONCURRENCY, (id) => this.loadReport(id));
    }
    async loadReport(id) {
        const r = { id, path: id, profile: undefined, goals: undefined, meetings: [], layoutFindings: [], loaded: new Map() };
        let names = [];
        try {
            names = await this.fs.readDirectory(id);
            this.stats.directoriesListed++;
        }
        catch {
            return; // gone already
        }
        const has = (n, k) => names.some(([name, kind]) => name === n && kind === k);
        const [profile, goals] = await Promise.all([
            has(exports.REPORT_FILE_NAME, 'file') ? this.readParsed((0, fs_1.joinPath)(id, exports.REPORT_FILE_NAME), files_1.parseReportFile) : undefined,
            has(exports.GOALS_FILE_NAME, 'file') ? this.readParsed((0, fs_1.joinPath)(id, exports.GOALS_FILE_NAME), files_1.parseGoalsFile) : undefined,
            has(exports.MEETINGS_DIR, 'directory') ? this.listMeetings(r) : undefined,
        ]);
        r.profile = profile;
        r.goals = goals;
        this.refreshLayoutFindings(r);
        this.entries.set(id, r);
    }
    async listMeetings(r) {
        let names = [];
        try {
            names = await this.fs.readDirectory((0, fs_1.joinPath)(r.path, exports.MEETINGS_DIR));
            this.stats.directoriesListed++;
        }
        catch {
            names = [];
        }
        const refs = [];
        const bad = [];
        for (const [name, kind] of names) {
            if (kind !== 'file' || name.startsWith('.'))
                continue;
            const ref = this.meetingRef(r, name);
            if (ref)
                refs.push(ref);
            else if (name.endsWith('.yaml') || name.endsWith('.yml')) {
                const path = (0, fs_1.joinPath)(r.path, exports.MEETINGS_DIR, name);
                bad.push(layoutFinding(path, `\`${name}\` is not read as a 1:1: meeting files are named \`YYYY-MM-DD.yaml\` (a second one that day \`YYYY-MM-DD-2.yaml\`).`));
            }
        }
        refs.sort(compareRefsNewestFirst);
        // Keep cached parses of files that are still there.
        const keep = new Set(refs.map((m) => m.fileName));
        for (const name of [...r.loaded.keys()])
            if (!keep.has(name))
                r.loaded.delete(name);
        const oldByName = new Map(r.meetings.map((m) => [m.fileName, m]));
        r.meetings = refs.map((m) => oldByName.get(m.fileName) ?? m);
        r.layoutFindings = [...r.layoutFindings.filter((f) => !f.file.startsWith((0, fs_1.joinPath)(r.path, exports.MEETINGS_DIR) + '/')), ...bad];
    }
    refreshLayoutFindings(r) {
        const meetingFindings = r.layoutFindings.filter((f) => f.file.startsWith((0, fs_1.joinPath)(r.path, exports.MEETINGS_DIR) + '/'));
        const own = [];
        if (!r.profile) {
            own.push({
                ...layoutFinding(r.path, `Report folder \`${r.id}\` has no \`report.yaml\`: add one with at least \`name:\`.`),
                rule: 'schema',
            });
        }
        r.layoutFindings = [...own, ...meetingFindings];
    }
    async readParsed(path, parse) {
        try {
            const { text } = await this.fs.readFile(path);
            this.stats.filesRead++;
            return parse(path, text);
        }
        catch {
            return undefined;
        }
    }
}
exports.TeamIndex = TeamIndex;
/** A folder name turned into a valid report id: `Alice Smith` → `alice-smith`. */
function suggestId(name) {
    const id = name
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '');
    return id || 'report';
}
//# sourceMappingURL=teamIndex.js.map