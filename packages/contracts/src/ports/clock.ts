/** The clock port, so that expiry, lockouts and windows can be tested without waiting. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  date(): Date;
}
