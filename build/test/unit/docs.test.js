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
const node_fs_1 = require("node:fs");
const path = __importStar(require("node:path"));
const registry_1 = require("../../src/core/rules/registry");
const schema_1 = require("../../src/core/format/schema");
const files_1 = require("../../src/core/format/files");
const ROOT = path.resolve(__dirname, '../../..');
const read = (p) => (0, node_fs_1.readFileSync)(path.join(ROOT, p), 'utf8');
describe('docs stay true', () => {
    it('docs/rules.md has a section and a table row with the default severity for every rule', () => {
        const doc = read('docs/rules.md');
        for (const r of registry_1.RULES.values()) {
            assert.ok(doc.includes(`\n## ${r.id}\n`), `section for ${r.id}`);
            assert.ok(doc.includes(`| [${r.id}](#${r.id}) | ${r.severity} |`), `table row for ${r.id}`);
            const section = doc.split(`\n## ${r.id}\n`)[1];
            assert.ok(section.trimStart().startsWith(`**${r.severity[0].toUpperCase()}${r.severity.slice(1)}.**`), `severity in the section of ${r.id}`);
        }
    });
    it('docs/format.md names every key of every file', () => {
        const doc = read('docs/format.md');
        const keys = (t) => (t.type === 'object' ? Object.entries(t.fields).flatMap(([k, f]) => [k, ...keys(f.type)]) : t.type === 'list' ? keys(t.items) : []);
        for (const schema of [schema_1.TEAM_FILE, schema_1.REPORT_FILE, schema_1.GOAL, schema_1.MEETING_FILE]) {
            for (const k of keys(schema))
                assert.match(doc, new RegExp(`\`(?:[\\w.-]+\\.)?${k}\``), `${k} documented`);
        }
    });
    it('the example files in docs/format.md are valid, with no finding at all', () => {
        const doc = read('docs/format.md');
        const blocks = [...doc.matchAll(/`one-on-ones\/([^`]+)`\n\n```yaml\n([\s\S]*?)```/g)];
        assert.equal(blocks.length, 4);
        for (const [, file, text] of blocks) {
            const parsed = file.endsWith('team.yaml') ? (0, files_1.parseTeamFile)(file, text)
                : file.endsWith('report.yaml') ? (0, files_1.parseReportFile)(file, text)
                    : file.endsWith('goals.yaml') ? (0, files_1.parseGoalsFile)(file, text)
                        : (0, files_1.parseMeetingFile)(file, text, '2026-11-24');
            assert.deepEqual(parsed.file.findings, [], file);
            assert.ok(parsed.value, file);
        }
    });
    it('the README names the test command and the CLI', () => {
        const readme = read('README.md');
        assert.match(readme, /npm test/);
        assert.match(readme, /one-on-ones check/);
    });
});
//# sourceMappingURL=docs.test.js.map