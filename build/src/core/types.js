"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TEAM_DEFAULTS = void 0;
exports.TEAM_DEFAULTS = {
    cadence: 'weekly',
    graceDays: 2,
    careerEvery: '8w',
    goalLength: '8w',
};
//# sourceMappingURL=types.js.map