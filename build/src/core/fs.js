"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.mapLimit = mapLimit;
exports.joinPath = joinPath;
/** Runs `fn` over `items` with at most `limit` calls in flight; results keep the order of `items`. */
async function mapLimit(items, limit, fn) {
    const out = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            out[i] = await fn(items[i], i);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return out;
}
function joinPath(...parts) {
    return parts.filter((p) => p !== '').join('/');
}
//# sourceMappingURL=fs.js.map