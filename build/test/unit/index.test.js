"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
const assert = __importStar(require("node:assert/strict"));
const checker_1 = require("../../src/core/checker");
const dates_1 = require("../../src/core/dates");
const teamIndex_1 = require("../../src/core/index/teamIndex");
const builders_1 = require("./helpers/builders");
const memoryFs_1 = require("./helpers/memoryFs");
const d = (offset) => (0, dates_1.addDays)(builders_1.TODAY, offset);
function longHistory(weeks, lastOffset = -3) {
    return (0, builders_1.reportFiles)('alice', { name: 'Alice', meetings: (0, builders_1.weekly)(d(lastOffset), weeks) });
}
describe('team index', () => {
    it('knows the whole history from the listing but parses only the rules\' window', async () => {
        const fs = new memoryFs_1.MemoryFileSystem(longHistory(260));
        const checker = await checker_1.TeamChecker.open(fs, { today: builders_1.TODAY });
        const alice = checker.index.report('alice');
        assert.equal(alice.meetings.length, 260);
        assert.equal(alice.meetings[0].date, d(-3));
        assert.equal(alice.meetings[259].date, d(-3 - 7 * 259));
        const parsedMeetings = fs.reads.filter((p) => p.includes('/meetings/'));
        assert.ok(parsedMeetings.length <= 10, `parsed ${parsedMeetings.length} of 260 meeting files`);
        assert.ok(parsedMeetings.every((p) => p >= `alice/meetings/${d(-3 - 7 * 9)}`), 'only the newest ones');
        assert.deepEqual(checker.problems(), []);
    });
    it('reads further back only when the window needs it (no held 1:1 among the newest)', async () => {
        const meetings = (0, builders_1.weekly)(d(-40), 30);
        for (let i = 0; i < 5; i++)
            meetings[d(-3 - 7 * i)] = { status: 'skipped' };
        const fs = new memoryFs_1.MemoryFileSystem((0, builders_1.reportFiles)('alice', { meetings }));
        const checker = await checker_1.TeamChecker.open(fs, { today: builders_1.TODAY });
        const [p] = (0, builders_1.ofRule)(checker.problems(), 'cadence-overdue');
        assert.match(p.message, new RegExp(`last held ${d(-40)}`));
        assert.ok(fs.reads.filter((r) => r.includes('/meetings/')).length < 20);
    });
    it('orders a second 1:1 on one day after the first, newest first', async () => {
        const index = await teamIndex_1.TeamIndex.open(new memoryFs_1.MemoryFileSystem({
            'a/report.yaml': 'name: A\n',
            'a/meetings/2026-11-20.yaml': (0, builders_1.meetingYaml)('2026-11-20'),
            'a/meetings/2026-11-20-2.yaml': (0, builders_1.meetingYaml)('2026-11-20'),
            'a/meetings/2026-11-13.yaml': (0, builders_1.meetingYaml)('2026-11-13'),
            'a/meetings/2026-11-20-10.yaml': (0, builders_1.meetingYaml)('2026-11-20'),
        }));
        assert.deepEqual(index.report('a').meetings.map((m) => m.fileName), ['2026-11-20-10.yaml', '2026-11-20-2.yaml', '2026-11-20.yaml', '2026-11-13.yaml']);
    });
    it('reports names outside the layout instead of guessing', async () => {
        const { problems } = await (0, builders_1.check)({
            ...(0, builders_1.reportFiles)('alice', { meetings: (0, builders_1.weekly)(d(-3), 6) }),
            'Bob Smith/report.yaml': 'name: Bob\n',
            'alice/meetings/2026-11-03 notes.yaml': 'date: 2026-11-03\n',
            'alice/meetings/2026-11-31.yaml': 'date: 2026-11-31\n',
            'alice/meetings/agenda.md': '# not a meeting, not reported',
            'carol/goals.yaml': (0, builders_1.yaml)({ goals: [] }),
        });
        const bad = (0, builders_1.ofRule)(problems, 'bad-name');
        assert.deepEqual(bad.map((p) => p.file).sort(), ['Bob Smith', 'alice/meetings/2026-11-03 notes.yaml', 'alice/meetings/2026-11-31.yaml']);
        assert.match(bad.find((p) => p.file === 'Bob Smith').message, /e\.g\. `bob-smith`/);
        const missing = problems.filter((p) => p.file === 'carol');
        assert.deepEqual(missing.map((p) => [p.rule, p.message]), [['schema', 'Report folder `carol` has no `report.yaml`: add one with at least `name:`.']]);
    });
    describe('incremental updates', () => {
        async function overdue() {
            const fs = new memoryFs_1.MemoryFileSystem({ ...longHistory(30, -12), ...(0, builders_1.reportFiles)('bob', { name: 'Bob', meetings: (0, builders_1.weekly)(d(-2), 8) }) });
            const checker = await checker_1.TeamChecker.open(fs, { today: builders_1.TODAY });
            assert.equal((0, builders_1.ofRule)(checker.problems(), 'cadence-overdue').length, 1);
            return { fs, checker };
        }
        it('a new 1:1 file clears the overdue warning, reading only that file', async () => {
            const { fs, checker } = await overdue();
            const readsBefore = fs.reads.length;
            const path = `alice/meetings/${builders_1.TODAY}.yaml`;
            fs.write(path, (0, builders_1.meetingYaml)(builders_1.TODAY, { goals: { g1: 'on track' } }));
            const changed = await checker.applyChange(path, 'created');
            assert.deepEqual(fs.reads.slice(readsBefore), [path]);
            assert.deepEqual(changed.get('alice/report.yaml'), []);
            assert.ok(![...changed.keys()].some((f) => f.startsWith('bob/')), 'the other report is not touched');
            assert.deepEqual((0, builders_1.ofRule)(checker.problems(), 'cadence-overdue'), []);
            assert.equal(checker.index.report('alice').meetings[0].date, builders_1.TODAY);
        });
        it('a 1:1 changed to skipped brings the warning back; deleting a file clears its problems', async () => {
            const { fs, checker } = await overdue();
            const path = `alice/meetings/${builders_1.TODAY}.yaml`;
            fs.write(path, (0, builders_1.meetingYaml)(builders_1.TODAY, { goals: { g1: 'x' } }));
            await checker.applyChange(path, 'created');
            fs.write(path, (0, builders_1.meetingYaml)(builders_1.TODAY, { status: 'skipped', feedback: [], goals: { nope: '' } }));
            let changed = await checker.applyChange(path, 'changed');
            assert.equal((0, builders_1.ofRule)(changed.get('alice/report.yaml') ?? [], 'cadence-overdue').length, 1);
            assert.deepEqual(changed.get(path).map((p) => p.rule), ['unknown-goal']);
            fs.delete(path);
            changed = await checker.applyChange(path, 'deleted');
            assert.deepEqual(changed.get(path), []);
            assert.equal(checker.index.report('alice').meetings.some((m) => m.fileName === `${builders_1.TODAY}.yaml`), false);
        });
        it('report.yaml, goals.yaml and team.yaml changes re-check the right reports', async () => {
            const { fs, checker } = await overdue();
            fs.write('alice/report.yaml', (0, builders_1.yaml)({ name: 'Alice', paused: [{ from: d(-10), reason: 'leave' }] }));
            await checker.applyChange('alice/report.yaml', 'changed');
            assert.deepEqual((0, builders_1.ofRule)(checker.problems(), 'cadence-overdue'), []);
            fs.write('alice/goals.yaml', (0, builders_1.yaml)({ goals: [{ id: 'g1', title: 'Old', start: d(-90), end: d(-30) }] }));
            await checker.applyChange('alice/goals.yaml', 'changed');
            assert.equal((0, builders_1.ofRule)(checker.problems(), 'goal-expired').length, 1);
            fs.write('team.yaml', (0, builders_1.yaml)({ 'grace-days': 0 }));
            const changed = await checker.applyChange('team.yaml', 'created');
            assert.equal((0, builders_1.ofRule)(checker.problems(), 'cadence-overdue').length, 0, 'alice is on leave');
            fs.write('team.yaml', (0, builders_1.yaml)({ cadence: '1d', 'grace-days': 0 }));
            await checker.applyChange('team.yaml', 'changed');
            assert.deepEqual((0, builders_1.ofRule)(checker.problems(), 'cadence-overdue').map((p) => p.file), ['bob/report.yaml']);
            assert.ok(changed.has('team.yaml'));
        });
        it('a new report folder appears, a deleted one takes its problems with it', async () => {
            const { fs, checker } = await overdue();
            for (const [p, t] of Object.entries((0, builders_1.reportFiles)('carol', { name: 'Carol', since: d(-30) })))
                fs.write(p, t);
            await checker.applyChange('carol/report.yaml', 'created');
            assert.equal((0, builders_1.ofRule)(checker.problems(), 'no-first-meeting')[0].file, 'carol/report.yaml');
            fs.delete('alice');
            const changed = await checker.applyChange('alice', 'deleted');
            assert.deepEqual(changed.get('alice/report.yaml'), []);
            assert.equal(checker.index.report('alice'), undefined);
            assert.ok(checker.problems().every((p) => !p.file.startsWith('alice/')));
        });
        it('problems of an old 1:1 appear when it is opened, and in a full check', async () => {
            const files = longHistory(100);
            const old = `alice/meetings/${d(-3 - 7 * 80)}.yaml`;
            files[old] = (0, builders_1.meetingYaml)(d(-3 - 7 * 80), { extra: { status: 'hled' } });
            const fs = new memoryFs_1.MemoryFileSystem(files);
            const checker = await checker_1.TeamChecker.open(fs, { today: builders_1.TODAY });
            assert.deepEqual(checker.problems(), []);
            await checker.ensureChecked(old);
            assert.deepEqual(checker.problems().map((p) => [p.file, p.rule]), [[old, 'schema']]);
            const full = await checker_1.TeamChecker.open(new memoryFs_1.MemoryFileSystem(files), { today: builders_1.TODAY });
            await full.checkEverything();
            assert.ok(full.problems().some((p) => p.file === old && p.rule === 'schema'));
        });
        it('a cached meeting is re-read when its version on disk changed', async () => {
            const fs = new memoryFs_1.MemoryFileSystem(longHistory(10));
            const index = await teamIndex_1.TeamIndex.open(fs);
            const ref = index.report('alice').meetings[0];
            const [first] = await index.loadMeetings('alice', [ref]);
            const [same] = await index.loadMeetings('alice', [ref], { revalidate: true });
            assert.equal(same, first);
            fs.write(ref.path, (0, builders_1.meetingYaml)(ref.date, { status: 'skipped' }));
            const [fresh] = await index.loadMeetings('alice', [ref], { revalidate: true });
            assert.equal(fresh.value?.status, 'skipped');
        });
        it('a new day re-runs the rules without re-reading files', async () => {
            const fs = new memoryFs_1.MemoryFileSystem(longHistory(12));
            const checker = await checker_1.TeamChecker.open(fs, { today: builders_1.TODAY });
            const reads = fs.reads.length;
            await checker.setToday(d(10));
            assert.equal((0, builders_1.ofRule)(checker.problems(), 'cadence-overdue').length, 1);
            assert.equal(fs.reads.length, reads);
        });
    });
});
//# sourceMappingURL=index.test.js.map