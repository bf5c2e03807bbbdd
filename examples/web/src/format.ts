// Small display helpers shared by the screens.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatTime(date: Date): string {
  return time.format(date);
}

/** The first block of a UUID, enough to tell jobs apart in a table. */
export function shortId(id: string): string {
  return id.split('-')[0] ?? id;
}

/** Entries typed as a list: split on commas, spaces and new lines; no blanks, no repeats. */
export function parseList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}
