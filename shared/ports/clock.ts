/** The current time. Handlers never call `new Date()` directly, so tests and replays can fix "now". */
export interface Clock {
  now(): Date;
}
