/**
 * The rules' window: how far back in a report's history the rules look. The index parses meetings newest first until
 * this says the rules have what they need, so a report with five years of 1:1s costs about as much as one with two
 * months. Every rule that reads meetings stays inside it (docs/rules.md, "What the rules read").
 */
import { countedDaysBetween } from '../dates';
import type { IsoDate, Period } from '../dates';
import type { LoadedMeeting } from '../index/teamIndex';
import { isHeldBy } from './context';

/** The largest number of held 1:1s a rule looks back over (feedback-one-sided). */
export const HELD_WINDOW = 5;

/**
 * True when the loaded meetings (the newest ones, newest first, with no gap) cover every rule: at least the last
 * HELD_WINDOW held 1:1s, and either a held career 1:1 or the whole `career-every` period (leave not counted).
 */
export function windowSatisfied(loaded: readonly LoadedMeeting[], today: IsoDate, careerEveryDays: number, paused: readonly Period[]): boolean {
  let held = 0;
  let career = false;
  for (const m of loaded) {
    if (isHeldBy(m, today)) {
      held++;
      if (m.value?.kind === 'career') career = true;
    }
  }
  if (held < HELD_WINDOW) return false;
  if (career) return true;
  const oldest = loaded[loaded.length - 1];
  return oldest.ref.date < today && countedDaysBetween(oldest.ref.date, today, paused) > careerEveryDays;
}
