"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.activate = activate;
exports.deactivate = deactivate;
function activate(_context) {
    // Intentionally empty until the VS Code adapters land: activation must stay cheap and side-effect free.
}
function deactivate() {
    // Every disposable is owned by the extension context.
}
//# sourceMappingURL=extension.js.map