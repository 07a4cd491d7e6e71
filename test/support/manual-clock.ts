import { Clock } from '../../src/common/clock';

/** A clock the test sets: `set('2026-02-12')` means 10:00 that day in Vietnam. */
export class ManualClock extends Clock {
  private current: Date;

  constructor(date: string) {
    super();
    this.current = ManualClock.at(date);
  }

  static at(date: string): Date {
    return new Date(`${date}T10:00:00+07:00`);
  }

  set(date: string): void {
    this.current = ManualClock.at(date);
  }

  now(): Date {
    return new Date(this.current);
  }
}
