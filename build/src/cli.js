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
exports.runCli = runCli;
exports.sortProblems = sortProblems;
/**
 * `one-on-ones check [TEAM_FOLDER] [--today YYYY-MM-DD] [--format text|json]`: the extension's index and rules from
 * the command line, for a pre-commit hook or the CI of the team repository.
 * Exit codes: 0 no error (warnings allowed), 1 at least one error, 2 bad arguments or no such folder.
 */
const node_fs_1 = require("node:fs");
const nodePath = __importStar(require("node:path"));
const checker_1 = require("./core/checker");
const dates_1 = require("./core/dates");
const registry_1 = require("./core/rules/registry");
const nodeFs_1 = require("./node/nodeFs");
const USAGE = `Usage: one-on-ones check [TEAM_FOLDER] [options]

Checks a First-Class 1:1s team folder (default: ./one-on-ones) and prints its problems like a linter.

Options:
  --today YYYY-MM-DD     the day to check as of (default: today's local date)
  --format text|json     text: "path:line:col severity message [rule]" (default); json: an array of problems
  --recent               check only what the rules read (profiles, goals, the newest 1:1s), as the editor does;
                         by default every meeting file is parsed, so file problems in old 1:1s are reported too
  --rule ID=SEVERITY     set a rule's severity: off, hint, info, warning or error (repeatable)
  --no-status-update     switch the status-update heuristic off
  -h, --help             this help
  -v, --version          the version

Exit code: 0 when there is no error, 1 when there is at least one error, 2 on a bad argument or a missing folder.
Rules: ${[...registry_1.RULES.keys()].join(', ')}.`;
class UsageError extends Error {
}
function parseArgs(argv, io) {
    const args = [...argv];
    if (args.includes('-h') || args.includes('--help'))
        return 'help';
    if (args.includes('-v') || args.includes('--version'))
        return 'version';
    const command = args.shift();
    if (command !== 'check')
        throw new UsageError(command === undefined ? 'No command given.' : `Unknown command \`${command}\`.`);
    let folder;
    let today = (0, dates_1.isoDateOf)(io.now());
    let format = 'text';
    let recent = false;
    const severities = {};
    let statusUpdateHeuristic = true;
    const value = (flag, inline) => {
        const v = inline ?? args.shift();
        if (v === undefined || v.startsWith('--'))
            throw new UsageError(`${flag} needs a value.`);
        return v;
    };
    while (args.length > 0) {
        const arg = args.shift();
        const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
        switch (flag) {
            case '--today':
                today = value(flag, inline);
                if (!(0, dates_1.isIsoDate)(today))
                    throw new UsageError(`--today must be a calendar date YYYY-MM-DD (got \`${today}\`).`);
                break;
            case '--format': {
                const f = value(flag, inline);
                if (f !== 'text' && f !== 'json')
                    throw new UsageError(`--format must be text or json (got \`${f}\`).`);
                format = f;
                break;
            }
            case '--recent':
                recent = true;
                break;
            case '--no-status-update':
                statusUpdateHeuristic = false;
                break;
            case '--rule': {
                const spec = value(flag, inline);
                const [id, sev] = spec.split('=');
                if (!registry_1.RULES.has(id))
                    throw new UsageError(`--rule: unknown rule \`${id}\`. Rules: ${[...registry_1.RULES.keys()].join(', ')}.`);
                if (!registry_1.SEVERITY_SETTINGS.includes(sev))
                    throw new UsageError(`--rule ${id}: severity must be one of ${registry_1.SEVERITY_SETTINGS.join(', ')}.`);
                severities[id] = sev;
                break;
            }
            default:
                if (flag.startsWith('-'))
                    throw new UsageError(`Unknown option \`${flag}\`.`);
                if (folder !== undefined)
                    throw new UsageError('Give one team folder.');
                folder = flag;
        }
    }
    return { folder: nodePath.resolve(io.cwd, folder ?? 'one-on-ones'), today, format, recent, settings: { severities, statusUpdateHeuristic } };
}
async function runCli(argv, io) {
    let options;
    try {
        options = parseArgs(argv, io);
    }
    catch (e) {
        if (e instanceof UsageError) {
            io.err(`one-on-ones: ${e.message}\n\n${USAGE}\n`);
            return 2;
        }
        throw e;
    }
    if (options === 'help') {
        io.out(`${USAGE}\n`);
        return 0;
    }
    if (options === 'version') {
        io.out(`${typeof __VERSION__ === 'string' ? __VERSION__ : 'dev'}\n`);
        return 0;
    }
    let isDir = false;
    try {
        isDir = (0, node_fs_1.statSync)(options.folder).isDirectory();
    }
    catch {
        isDir = false;
    }
    if (!isDir) {
        io.err(`one-on-ones: no team folder at ${options.folder}. Pass the folder that holds one sub-folder per report (and team.yaml), e.g. \`one-on-ones check one-on-ones\`.\n`);
        return 2;
    }
    const fs = new nodeFs_1.NodeTeamFileSystem(options.folder);
    const checker = await checker_1.TeamChecker.open(fs, { today: options.today, settings: options.settings });
    if (!options.recent)
        await checker.checkEverything();
    const problems = sortProblems(checker.problems());
    if (options.format === 'json') {
        io.out(`${JSON.stringify(problems.map(toJson), null, 2)}\n`);
    }
    else {
        for (const p of problems) {
            io.out(`${p.file}:${p.range.start.line + 1}:${p.range.start.character + 1} ${p.severity} ${p.message} [${p.rule}]\n`);
        }
        io.out(`${summary(problems)}\n`);
    }
    return problems.some((p) => p.severity === 'error') ? 1 : 0;
}
function toJson(p) {
    return {
        file: p.file,
        line: p.range.start.line + 1,
        column: p.range.start.character + 1,
        endLine: p.range.end.line + 1,
        endColumn: p.range.end.character + 1,
        severity: p.severity,
        rule: p.rule,
        message: p.message,
    };
}
function sortProblems(problems) {
    return [...problems].sort((a, b) => a.file !== b.file ? (a.file < b.file ? -1 : 1)
        : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}
function summary(problems) {
    if (problems.length === 0)
        return 'No problems.';
    const count = (s) => problems.filter((p) => p.severity === s).length;
    const parts = ['error', 'warning', 'info', 'hint']
        .map((s) => [count(s), s])
        .filter(([n]) => n > 0)
        .map(([n, s]) => `${n} ${s}${n === 1 ? '' : 's'}`);
    return `${problems.length} problem${problems.length === 1 ? '' : 's'} (${parts.join(', ')})`;
}
if (require.main === module) {
    runCli(process.argv.slice(2), {
        out: (t) => process.stdout.write(t),
        err: (t) => process.stderr.write(t),
        cwd: process.cwd(),
        now: () => new Date(),
    }).then((code) => {
        process.exitCode = code;
    }, (e) => {
        process.stderr.write(`one-on-ones: internal error: ${e.stack ?? String(e)}\n`);
        process.exitCode = 3;
    });
}
//# sourceMappingURL=cli.js.map