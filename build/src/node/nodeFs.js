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
exports.NodeTeamFileSystem = void 0;
/** The team file system on Node's fs: for the CLI, the tests and the benchmark. */
const node_fs_1 = require("node:fs");
const nodePath = __importStar(require("node:path"));
class NodeTeamFileSystem {
    root;
    constructor(root) {
        this.root = nodePath.resolve(root);
    }
    /** Absolute path of a team-relative path; refuses anything that would leave the team folder. */
    resolve(path) {
        const abs = nodePath.resolve(this.root, ...path.split('/').filter((p) => p !== ''));
        if (abs !== this.root && !abs.startsWith(this.root + nodePath.sep))
            throw new Error(`Path leaves the team folder: ${path}`);
        return abs;
    }
    async readDirectory(path) {
        const entries = await node_fs_1.promises.readdir(this.resolve(path), { withFileTypes: true });
        return entries.map((e) => [e.name, e.isFile() ? 'file' : e.isDirectory() ? 'directory' : 'other']);
    }
    async readFile(path) {
        // One open, one fstat, one read: the version comes with no extra system call to speak of.
        const handle = await node_fs_1.promises.open(this.resolve(path), 'r');
        try {
            const st = await handle.stat();
            const text = await handle.readFile('utf8');
            return { text: stripBom(text), version: `${st.mtimeMs}:${st.size}` };
        }
        finally {
            await handle.close();
        }
    }
    async stat(path) {
        try {
            const st = await node_fs_1.promises.lstat(this.resolve(path));
            return { kind: st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other', version: `${st.mtimeMs}:${st.size}` };
        }
        catch {
            return undefined;
        }
    }
}
exports.NodeTeamFileSystem = NodeTeamFileSystem;
function stripBom(text) {
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
//# sourceMappingURL=nodeFs.js.map