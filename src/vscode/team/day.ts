/** Rolls the day over: the rules count days from "today", so at midnight (or on waking from sleep) they run again. */
import type * as vscode from 'vscode';
import { isoDateOf } from '../../core/dates';

const DAY_CHECK_MS = 5 * 60 * 1000;

export class DayClock implements vscode.Disposable {
  private readonly timer: ReturnType<typeof setInterval>;

  /** `dayChanged` is called with the new date when the date the clock reads is no longer the one the rules used. */
  constructor(private readonly now: () => Date, current: () => string | undefined, dayChanged: (today: string) => void) {
    this.timer = setInterval(() => {
      const today = this.today;
      const used = current();
      if (used !== undefined && used !== today) dayChanged(today);
    }, DAY_CHECK_MS);
  }

  get today(): string {
    return isoDateOf(this.now());
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}
