"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.statusUpdateReason = statusUpdateReason;
exports.statusUpdateRules = statusUpdateRules;
const parse_1 = require("../format/parse");
const PATTERNS = [
    [/\b[A-Z][A-Z0-9]{1,9}-\d{1,6}\b/, 'a ticket key'],
    [/\b(?:PR|MR|pull request|merge request)\s*[#!]\s?\d+/i, 'a pull request'],
    [/\b(?:in[- ]progress|WIP|blocked on|code review for|deployed to)\b/i, 'work status'],
    [/^\s*[-*]?\s*(?:done|todo|to do|doing|status|progress|yesterday|today|update)\s*:/i, 'a stand-up list'],
];
/** Why a line reads like a status update, or undefined. Exported for the docs' examples and the tests. */
function statusUpdateReason(line) {
    for (const [re, why] of PATTERNS)
        if (re.test(line))
            return why;
    return undefined;
}
function statusUpdateRules(ctx) {
    const out = [];
    for (const m of ctx.meetings) {
        const v = m.value;
        if (!v || m.file.syntaxErrors)
            continue;
        const check = (text, path) => {
            const span = m.file.spans.get((0, parse_1.pathKey)(path));
            if (!span)
                return;
            for (const line of text.split('\n')) {
                const why = statusUpdateReason(line);
                if (!why)
                    continue;
                out.push({
                    file: m.file.path,
                    range: m.file.lines.range(lineSpan(m.file, span, line), m.file.text, true),
                    rule: 'status-update',
                    message: `This reads like a status update (${why}): keep 1:1s for feedback, growth and their topics; status belongs elsewhere.`,
                    data: { report: ctx.report.id, meeting: m.ref.fileName },
                });
            }
        };
        for (const t of v.managerTopics)
            check(t.text, ['prep', 'manager', 'topics', t.index]);
        for (const t of v.reportTopics)
            check(t.text, ['prep', 'report', 'topics', t.index]);
        if (v.notes)
            check(v.notes, ['notes']);
    }
    return out;
}
/** The span of one line of a (block) scalar inside the value's span; the whole value when it cannot be found. */
function lineSpan(file, value, line) {
    const trimmed = line.trim();
    if (trimmed === '')
        return value;
    const at = file.text.indexOf(trimmed, value[0]);
    if (at < 0 || at >= value[1])
        return value;
    return [at, at + trimmed.length];
}
//# sourceMappingURL=statusUpdate.js.map