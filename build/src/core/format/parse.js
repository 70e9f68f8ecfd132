"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LineMap = void 0;
exports.pathKey = pathKey;
exports.rangeOfPath = rangeOfPath;
exports.firstLineRange = firstLineRange;
exports.parseYaml = parseYaml;
exports.nearest = nearest;
exports.editDistance = editDistance;
/**
 * Parses one file of the team folder with the `yaml` Document API and validates it against the schema in one walk.
 * The result keeps the spans of every key and value (for diagnostics and quick fixes) and never throws: whatever is
 * wrong becomes a finding with an exact range, and whatever is right is still usable.
 */
const yaml_1 = require("yaml");
const dates_1 = require("../dates");
const schema_1 = require("./schema");
/** The key of a value's path in the span tables: segments joined by a character no YAML key here contains. */
function pathKey(path) {
    return path.join('\u0000');
}
/** Converts offsets to positions for one file. */
class LineMap {
    lineStarts;
    constructor(lineStarts) {
        this.lineStarts = lineStarts;
    }
    position(offset) {
        const starts = this.lineStarts;
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (starts[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return { line: lo, character: offset - starts[lo] };
    }
    /** The range of a span. With `firstLine`, a multi-line span is cut at the end of its first line (less noise). */
    range(span, text, firstLine = false) {
        const start = this.position(span[0]);
        let endOffset = span[1];
        if (firstLine && text !== undefined) {
            const nl = text.indexOf('\n', span[0]);
            if (nl >= 0 && nl < endOffset)
                endOffset = nl > span[0] && text[nl - 1] === '\r' ? nl - 1 : nl;
        }
        return { start, end: this.position(Math.max(endOffset, span[0])) };
    }
}
exports.LineMap = LineMap;
/** Nodes visited in one file at most: a guard against alias bombs ("billion laughs"). */
const NODE_BUDGET = 200_000;
function rangeOfPath(file, path, which = 'value', firstLine = true) {
    const k = pathKey(path);
    const span = (which === 'key' ? file.keySpans.get(k) : undefined) ?? file.spans.get(k) ?? file.keySpans.get(k);
    if (span)
        return file.lines.range(span, file.text, firstLine);
    return file.lines.range([0, 0]);
}
/** Range of the whole first line: for findings about a file as a whole. */
function firstLineRange(file) {
    return file.lines.range([0, file.text.length], file.text, true);
}
function parseYaml(path, text, schema) {
    const lineCounter = new yaml_1.LineCounter();
    const findings = [];
    let doc;
    try {
        doc = (0, yaml_1.parseDocument)(text, { lineCounter, prettyErrors: false, keepSourceTokens: false, uniqueKeys: true });
    }
    catch (e) {
        // `yaml` reports problems as errors rather than throwing; this is the last line of defence.
        const lines = new LineMap([0]);
        findings.push({ file: path, range: lines.range([0, 0]), rule: 'yaml-syntax', message: `The file could not be read as YAML: ${e.message}` });
        return { file: { path, text, lines, spans: new Map(), keySpans: new Map(), syntaxErrors: true, findings }, raw: undefined };
    }
    const lines = new LineMap(lineCounter.lineStarts.length > 0 ? lineCounter.lineStarts : [0]);
    for (const err of doc.errors) {
        findings.push({ file: path, range: lines.range([err.pos[0], Math.max(err.pos[1], err.pos[0])]), rule: 'yaml-syntax', message: `YAML syntax: ${firstSentence(err.message)}` });
    }
    for (const warn of doc.warnings) {
        findings.push({ file: path, range: lines.range([warn.pos[0], Math.max(warn.pos[1], warn.pos[0])]), rule: 'yaml-syntax', message: `YAML: ${firstSentence(warn.message)}` });
    }
    const syntaxErrors = doc.errors.length > 0;
    const walker = new Walker(path, text, lines, doc, findings, syntaxErrors);
    const file = { path, text, lines, spans: walker.spans, keySpans: walker.keySpans, syntaxErrors, findings };
    const root = doc.contents;
    if (root === null || ((0, yaml_1.isScalar)(root) && (root.value === null || root.value === ''))) {
        walker.schema([0, 0], `The ${schemaName(schema)} is empty: it needs ${requiredList(schema)}.`, true);
        return { file, raw: undefined };
    }
    const raw = walker.read(root, schema, []);
    return { file, raw: isPlainObject(raw) ? raw : undefined };
}
function firstSentence(message) {
    const line = message.split('\n')[0].trim();
    return line.replace(/ at line \d+, column \d+:?$/, '');
}
function schemaName(schema) {
    return schema.type === 'object' ? schema.name : 'file';
}
function requiredList(schema) {
    if (schema.type !== 'object')
        return 'content';
    const req = Object.entries(schema.fields).filter(([, f]) => f.required).map(([k]) => `\`${k}\``);
    return req.length > 0 ? req.join(', ') : 'content';
}
function isPlainObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
class Walker {
    path;
    text;
    lines;
    doc;
    findings;
    quiet;
    spans = new Map();
    keySpans = new Map();
    budget = NODE_BUDGET;
    budgetReported = false;
    constructor(path, text, lines, doc, findings, 
    /** With syntax errors the tree is a best guess: keep what is usable, but do not pile schema noise on top. */
    quiet) {
        this.path = path;
        this.text = text;
        this.lines = lines;
        this.doc = doc;
        this.findings = findings;
        this.quiet = quiet;
    }
    schema(span, message, force = false) {
        if (this.quiet && !force)
            return;
        this.findings.push({ file: this.path, range: this.lines.range(span, this.text, true), rule: 'schema', message });
    }
    resolve(node, span) {
        if (!(0, yaml_1.isAlias)(node))
            return node;
        const target = node.resolve(this.doc);
        if (target === undefined) {
            this.schema(span ?? [0, 0], `Unknown alias \`*${node.source}\`: no anchor \`&${node.source}\` before it.`);
        }
        return target;
    }
    spanOf(node) {
        const r = node?.range;
        return r ? [r[0], r[1]] : undefined;
    }
    /** Reads `node` as type `t`; returns undefined for a missing or invalid value (after reporting why). */
    read(nodeIn, t, path, label = '') {
        if (--this.budget < 0) {
            if (!this.budgetReported) {
                this.budgetReported = true;
                this.schema([0, 0], 'This file expands to too many values (aliases repeated too often); the rest is ignored.', true);
            }
            return undefined;
        }
        const ownSpan = this.spanOf(nodeIn);
        const node = this.resolve(nodeIn, ownSpan);
        // Spans are those of the text where the value is written (the alias), not of the anchor it points to.
        const span = ownSpan ?? this.spanOf(node);
        if (span && !this.spans.has(pathKey(path)))
            this.spans.set(pathKey(path), span);
        if (node === undefined || node === null)
            return undefined;
        if ((0, yaml_1.isScalar)(node) && node.value === null)
            return undefined;
        const what = label ? `\`${label}\`` : 'This value';
        const at = span ?? [0, 0];
        switch (t.type) {
            case 'object': {
                if (!(0, yaml_1.isMap)(node)) {
                    this.schema(at, `${what} must be ${(0, schema_1.describeType)(t)}.`);
                    return undefined;
                }
                const out = {};
                const seen = new Set();
                for (const pair of node.items) {
                    const keyNode = this.resolve(pair.key, this.spanOf(pair.key));
                    const keySpan = this.spanOf(pair.key) ?? at;
                    if (!(0, yaml_1.isScalar)(keyNode) || (typeof keyNode.value !== 'string' && typeof keyNode.value !== 'number')) {
                        this.schema(keySpan, `Keys in ${t.name} must be plain words.`);
                        continue;
                    }
                    const key = String(keyNode.value);
                    const childPath = [...path, key];
                    this.keySpans.set(pathKey(childPath), keySpan);
                    const field = t.fields[key];
                    if (!field) {
                        this.unknownKey(keySpan, key, t);
                        continue;
                    }
                    seen.add(key);
                    const valueSpan = this.spanOf(pair.value);
                    if (valueSpan)
                        this.spans.set(pathKey(childPath), valueSpan);
                    const v = this.read(pair.value, field.type, childPath, key);
                    if (v !== undefined)
                        out[key] = v;
                    else if (field.required && (pair.value === null || ((0, yaml_1.isScalar)(pair.value) && pair.value.value === null))) {
                        this.schema(keySpan, `\`${key}\` needs a value: ${(0, schema_1.describeType)(field.type)}.`);
                    }
                }
                for (const [key, field] of Object.entries(t.fields)) {
                    if (field.required && !seen.has(key)) {
                        this.schema(at, `Missing \`${key}\` in ${t.name}: ${field.description}`);
                    }
                }
                return out;
            }
            case 'map': {
                if (!(0, yaml_1.isMap)(node)) {
                    this.schema(at, `${what} must be ${(0, schema_1.describeType)(t)}.`);
                    return undefined;
                }
                const out = new Map();
                for (const pair of node.items) {
                    const keyNode = this.resolve(pair.key, this.spanOf(pair.key));
                    const keySpan = this.spanOf(pair.key) ?? at;
                    if (!(0, yaml_1.isScalar)(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
                        this.schema(keySpan, `Keys in ${t.name} must be plain words.`);
                        continue;
                    }
                    const key = String(keyNode.value);
                    const childPath = [...path, key];
                    this.keySpans.set(pathKey(childPath), keySpan);
                    out.set(key, this.read(pair.value, t.values, childPath, key) ?? '');
                }
                return out;
            }
            case 'list': {
                if (!(0, yaml_1.isSeq)(node)) {
                    this.schema(at, `${what} must be a list (\`- item\` lines), each ${(0, schema_1.describeType)(t.items)}.`);
                    return undefined;
                }
                const out = [];
                node.items.forEach((item, i) => {
                    const v = this.read(item, t.items, [...path, i], label ? `${label}[${i + 1}]` : '');
                    // An empty `- ` line (while typing) is skipped, not an error; its index keeps the spans aligned.
                    out.push(v);
                });
                return out;
            }
            default:
                return this.scalar(node, t, at, what);
        }
    }
    scalar(node, t, at, what) {
        if (!(0, yaml_1.isScalar)(node)) {
            this.schema(at, `${what} must be ${(0, schema_1.describeType)(t)}, not a ${(0, yaml_1.isMap)(node) ? 'mapping' : 'list'}.`);
            return undefined;
        }
        const v = node.value;
        const source = typeof v === 'string' ? v : this.text.slice(at[0], at[1]).trim();
        switch (t.type) {
            case 'string':
            case 'text':
                if (typeof v === 'string')
                    return v;
                if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint')
                    return source;
                this.schema(at, `${what} must be ${(0, schema_1.describeType)(t)}.`);
                return undefined;
            case 'date':
                if (typeof v === 'string' && (0, dates_1.isIsoDate)(v))
                    return v;
                this.schema(at, `${what} must be ${(0, schema_1.describeType)(t)} (got \`${clip(source)}\`).`);
                return undefined;
            case 'duration':
                if (typeof v === 'string' && (0, dates_1.parseDuration)(v) !== undefined && (t.cadence || (v !== 'weekly' && v !== 'biweekly')))
                    return v;
                this.schema(at, `${what} must be ${(0, schema_1.describeType)(t)} (got \`${clip(source)}\`).`);
                return undefined;
            case 'integer':
                if (typeof v === 'number' && Number.isInteger(v) && v >= t.min)
                    return v;
                this.schema(at, `${what} must be ${(0, schema_1.describeType)(t)} (got \`${clip(source)}\`).`);
                return undefined;
            case 'boolean':
                if (typeof v === 'boolean')
                    return v;
                this.schema(at, `${what} must be ${(0, schema_1.describeType)(t)} (got \`${clip(source)}\`).`);
                return undefined;
            case 'enum':
                if (typeof v === 'string' && t.values.includes(v))
                    return v;
                this.schema(at, `${what} must be ${(0, schema_1.describeType)(t)} (got \`${clip(source)}\`).`);
                return undefined;
            default:
                return undefined;
        }
    }
    unknownKey(keySpan, key, t) {
        const known = Object.keys(t.fields);
        const suggestion = nearest(key, known);
        const message = suggestion
            ? `Unknown key \`${clip(key)}\` in ${t.name} (kept as is). Did you mean \`${suggestion}\`?`
            : `Unknown key \`${clip(key)}\` in ${t.name} (kept as is). Known keys: ${known.join(', ')}.`;
        this.findings.push({
            file: this.path,
            range: this.lines.range(keySpan, this.text, true),
            rule: 'unknown-key',
            message,
            data: suggestion ? { key, suggestion } : { key },
        });
    }
}
function clip(s) {
    const one = s.replace(/\s+/g, ' ');
    return one.length > 40 ? `${one.slice(0, 39)}…` : one;
}
/** The known word closest to `word` by edit distance, if it is close enough to be a likely typo. */
function nearest(word, candidates) {
    const w = word.toLowerCase();
    let best;
    let bestDistance = Infinity;
    for (const c of candidates) {
        const d = editDistance(w, c.toLowerCase());
        if (d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    if (best === undefined)
        return undefined;
    const limit = Math.max(1, Math.min(3, Math.floor(best.length / 3)));
    return bestDistance <= limit ? best : undefined;
}
/** Damerau–Levenshtein (optimal string alignment): a swapped pair of letters is one typo. */
function editDistance(a, b) {
    if (a === b)
        return 0;
    if (Math.abs(a.length - b.length) > 3)
        return Math.abs(a.length - b.length);
    const rows = a.length + 1;
    const cols = b.length + 1;
    const d = Array.from({ length: rows }, (_, i) => {
        const r = new Array(cols).fill(0);
        r[0] = i;
        return r;
    });
    for (let j = 0; j < cols; j++)
        d[0][j] = j;
    for (let i = 1; i < rows; i++) {
        for (let j = 1; j < cols; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}
//# sourceMappingURL=parse.js.map