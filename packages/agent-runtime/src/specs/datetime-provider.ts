import type { PromptContextProvider } from './prompt-context.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** Prompt values of the `datetime` variable, in UTC so a prompt reads the same on every server. */
export function formatPromptDatetime(now: Date): { date: string; time: string; date_and_time: string } {
  const date = `${MONTHS[now.getUTCMonth()]} ${now.getUTCDate()}, ${now.getUTCFullYear()}`;
  const time = `${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())} UTC`;
  return { date, time, date_and_time: `${date} ${time}` };
}

/** The built-in `datetime` provider (§3.4): `date` "Month D, YYYY", `time` "HH:MM UTC", `date_and_time`. */
export const datetimePromptProvider: PromptContextProvider = {
  name: 'datetime',
  provide: ({ now }) => formatPromptDatetime(now),
};

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
