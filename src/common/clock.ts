import { DynamicModule, Global, Module } from '@nestjs/common';
import { todayInVietnam } from './dates';

/**
 * The time, injected so that deadline rules can be tested on fixed dates.
 * Production uses SystemClock; tests may pass their own to createApp.
 */
export abstract class Clock {
  abstract now(): Date;

  /** Today's date in Vietnam, YYYY-MM-DD. */
  today(): string {
    return todayInVietnam(this.now());
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** Provides the Clock: the system's, or the one a test passes to createApp. */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: ClockModule,
      providers: [{ provide: Clock, useValue: clock }],
      exports: [Clock],
    };
  }
}
