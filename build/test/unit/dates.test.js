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
const assert = __importStar(require("node:assert/strict"));
const dates_1 = require("../../src/core/dates");
describe('dates', () => {
    it('accepts only real YYYY-MM-DD calendar dates', () => {
        assert.ok((0, dates_1.isIsoDate)('2026-11-24'));
        assert.ok((0, dates_1.isIsoDate)('2028-02-29'));
        for (const bad of ['2026-02-30', '2027-02-29', '2026-13-01', '2026-1-05', '2026-11-24T10:00', '24.11.2026', '', '2026-11-24 ']) {
            assert.equal((0, dates_1.isIsoDate)(bad), false, bad);
        }
    });
    it('counts calendar days across month, year and DST changes', () => {
        assert.equal((0, dates_1.daysBetween)('2026-11-24', '2026-12-01'), 7);
        assert.equal((0, dates_1.daysBetween)('2026-12-28', '2027-01-04'), 7);
        assert.equal((0, dates_1.daysBetween)('2026-03-25', '2026-04-01'), 7); // European DST change inside
        assert.equal((0, dates_1.daysBetween)('2026-11-24', '2026-11-17'), -7);
        assert.equal((0, dates_1.addDays)('2028-02-28', 1), '2028-02-29');
    });
    it('parses cadences and durations', () => {
        assert.equal((0, dates_1.parseDuration)('weekly'), 7);
        assert.equal((0, dates_1.parseDuration)('biweekly'), 14);
        assert.equal((0, dates_1.parseDuration)('10d'), 10);
        assert.equal((0, dates_1.parseDuration)('3w'), 21);
        for (const bad of ['monthly', '0d', '2 weeks', 'w', '-1d', '1.5w'])
            assert.equal((0, dates_1.parseDuration)(bad), undefined, bad);
    });
    describe('paused periods', () => {
        it('counts only days inside (after, until], once for overlapping leaves', () => {
            const leave = [{ from: '2026-11-10', to: '2026-11-14' }];
            assert.equal((0, dates_1.pausedDaysBetween)('2026-11-01', '2026-11-24', leave), 5);
            // The day of the last 1:1 itself is not counted, the leave is clipped to the span.
            assert.equal((0, dates_1.pausedDaysBetween)('2026-11-12', '2026-11-24', leave), 2);
            assert.equal((0, dates_1.pausedDaysBetween)('2026-11-01', '2026-11-11', leave), 2);
            const overlapping = [{ from: '2026-11-10', to: '2026-11-14' }, { from: '2026-11-13', to: '2026-11-16' }, { from: '2026-11-20', to: '2026-11-20' }];
            assert.equal((0, dates_1.pausedDaysBetween)('2026-11-01', '2026-11-24', overlapping), 8);
        });
        it('treats a leave without `to` as still going on', () => {
            assert.equal((0, dates_1.pausedDaysBetween)('2026-11-01', '2026-11-24', [{ from: '2026-11-20' }]), 5);
            assert.equal((0, dates_1.countedDaysBetween)('2026-11-01', '2026-11-24', [{ from: '2026-11-20' }]), 18);
        });
        it('ignores leaves outside the span', () => {
            assert.equal((0, dates_1.pausedDaysBetween)('2026-11-01', '2026-11-24', [{ from: '2026-10-01', to: '2026-10-31' }, { from: '2026-11-25', to: '2026-12-31' }]), 0);
        });
        it('pushes the next due date back by the leave', () => {
            assert.equal((0, dates_1.addCountedDays)('2026-11-01', 7, []), '2026-11-08');
            assert.equal((0, dates_1.addCountedDays)('2026-11-01', 7, [{ from: '2026-11-03', to: '2026-11-09' }]), '2026-11-15');
            assert.equal((0, dates_1.addCountedDays)('2026-11-01', 7, [{ from: '2026-11-03', to: '2026-11-09' }, { from: '2026-11-14', to: '2026-11-20' }]), '2026-11-22');
            assert.equal((0, dates_1.addCountedDays)('2026-11-01', 7, [{ from: '2026-11-03' }]), undefined);
        });
    });
    it('says relative days in words', () => {
        assert.equal((0, dates_1.relativeDay)('2026-11-24', '2026-11-24'), 'today');
        assert.equal((0, dates_1.relativeDay)('2026-11-25', '2026-11-24'), 'tomorrow');
        assert.equal((0, dates_1.relativeDay)('2026-11-20', '2026-11-24'), '4 days ago');
    });
});
//# sourceMappingURL=dates.test.js.map