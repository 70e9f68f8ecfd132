"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MemoryFileSystem = void 0;
class MemoryFileSystem {
    files = new Map();
    counter = 0;
    reads = [];
    constructor(files = {}) {
        for (const [p, t] of Object.entries(files))
            this.write(p, t);
    }
    write(path, text) {
        this.files.set(path, { text, version: ++this.counter });
    }
    delete(path) {
        for (const p of [...this.files.keys()])
            if (p === path || p.startsWith(`${path}/`))
                this.files.delete(p);
    }
    has(path) {
        return this.files.has(path);
    }
    async readDirectory(path) {
        const prefix = path === '' ? '' : `${path}/`;
        const out = new Map();
        for (const p of this.files.keys()) {
            if (!p.startsWith(prefix))
                continue;
            const rest = p.slice(prefix.length).split('/');
            out.set(rest[0], rest.length > 1 ? 'directory' : 'file');
        }
        if (out.size === 0 && path !== '')
            throw new Error(`ENOENT: ${path}`);
        return [...out];
    }
    async readFile(path) {
        const f = this.files.get(path);
        if (!f)
            throw new Error(`ENOENT: ${path}`);
        this.reads.push(path);
        return { text: f.text, version: String(f.version) };
    }
    async stat(path) {
        const f = this.files.get(path);
        if (f)
            return { kind: 'file', version: String(f.version) };
        const prefix = `${path}/`;
        for (const p of this.files.keys())
            if (p.startsWith(prefix))
                return { kind: 'directory', version: '0' };
        return undefined;
    }
}
exports.MemoryFileSystem = MemoryFileSystem;
//# sourceMappingURL=memoryFs.js.map