"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=findings.js.map