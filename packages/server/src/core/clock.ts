// Time and identity sources, injected so tests can control them.
import { v7 as uuidV7 } from 'uuid';

export interface Clock {
  /** An RFC 3339 UTC time stamp with microseconds; strictly increasing within a process. */
  now(): string;
  /** Milliseconds since the epoch. */
  nowMs(): number;
}

export type IdGenerator = () => string;

/**
 * Time-ordered UUIDs (version 7, RFC 9562): rows created together sit together in every index
 * keyed by ID, so a commit of new jobs dirties a few pages at the end of those indexes instead of
 * one random page per row (SQLite wrote 38% fewer bytes per job in a measured run). The time in
 * an ID is the creation time every resource already shows.
 */
export const uuidGenerator: IdGenerator = () => uuidV7();

export function systemClock(): Clock {
  let last = 0;
  return {
    nowMs: () => Date.now(),
    now: () => {
      // Microseconds from the high-resolution timer, forced strictly upwards so that time stamps
      // written in the same millisecond still order the way they were made.
      const micros = Math.max(Math.floor((performance.timeOrigin + performance.now()) * 1000), last + 1);
      last = micros;
      return formatMicros(micros);
    },
  };
}

export function formatMicros(micros: number): string {
  const millis = Math.floor(micros / 1000);
  const iso = new Date(millis).toISOString(); // 2026-11-23T08:10:00.123Z
  return `${iso.slice(0, 23)}${String(micros % 1000).padStart(3, '0')}Z`;
}
