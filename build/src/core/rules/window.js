"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HELD_WINDOW = void 0;
exports.windowSatisfied = windowSatisfied;
/**
 * The rules' window: how far back in a report's history the rules look. The index parses meetings newest first until
 * this says the rules have what they need, so a report with five years of 1:1s costs about as much as one with two
 * months. Every rule that reads meetings stays inside it (docs/rules.md, "What the rules read").
 */
const dates_1 = require("../dates");
const context_1 = require("./context");
/** The largest number of held 1:1s a rule looks back over (feedback-one-sided). */
exports.HELD_WINDOW = 5;
/**
 * True when the loaded meetings (the newest ones, newest first, with no gap) cover every rule: at least the last
 * HELD_WINDOW held 1:1s, and either a held career 1:1 or the whole `career-every` period (leave not counted).
 */
function windowSatisfied(loaded, today, careerEveryDays, paused) {
    let held = 0;
    let career = false;
    for (const m of loaded) {
        if ((0, context_1.isHeldBy)(m, today)) {
            held++;
            if (m.value?.kind === 'career')
                career = true;
        }
    }
    if (held < exports.HELD_WINDOW)
        return false;
    if (career)
        return true;
    const oldest = loaded[loaded.length - 1];
    return oldest.ref.date < today && (0, dates_1.countedDaysBetween)(oldest.ref.date, today, paused) > careerEveryDays;
}
//# sourceMappingURL=window.js.map