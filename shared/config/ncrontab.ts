// NCRONTAB, the six-field cron dialect of Azure Functions timer triggers:
//   {second} {minute} {hour} {day} {month} {day-of-week}
// Supported per field: `*`, numbers, lists (`1,5`), ranges (`1-5`), steps (`*/5`, `10-40/10`),
// and English month / day names (`Jan`, `Mon`). Day-of-week is 0-6 with 0 = Sunday (7 is also read as Sunday).
// Times are UTC, as on Azure when WEBSITE_TIME_ZONE is not set.
// Day and day-of-week must both match (NCrontab's rule; classic cron ORs them when both are restricted).

export interface NcrontabSchedule {
  readonly expression: string;
  readonly seconds: ReadonlySet<number>;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly days: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly daysOfWeek: ReadonlySet<number>;
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const FIELDS: readonly FieldSpec[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES },
  { name: 'day-of-week', min: 0, max: 7, names: DAY_NAMES },
];

export class NcrontabError extends Error {}

export function parseNcrontab(expression: string): NcrontabSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 6) {
    throw new NcrontabError(`"${expression}" has ${parts.length} field(s); NCRONTAB needs 6: second minute hour day month day-of-week`);
  }
  const sets = FIELDS.map((spec, i) => parseField(parts[i] ?? '', spec));
  const dow = sets[5] ?? new Set<number>();
  if (dow.has(7)) {
    dow.delete(7);
    dow.add(0);
  }
  return {
    expression,
    seconds: sets[0]!,
    minutes: sets[1]!,
    hours: sets[2]!,
    days: sets[3]!,
    months: sets[4]!,
    daysOfWeek: dow,
  };
}

function parseField(text: string, spec: FieldSpec): Set<number> {
  const out = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') throw new NcrontabError(`empty item in ${spec.name} field "${text}"`);
    const [rangePart, stepPart, extra] = item.split('/');
    if (extra !== undefined) throw new NcrontabError(`bad step in ${spec.name} field "${item}"`);
    let step = 1;
    if (stepPart !== undefined) {
      step = parseNumber(stepPart, spec, true);
      if (step < 1) throw new NcrontabError(`step must be at least 1 in ${spec.name} field "${item}"`);
    }
    let from: number;
    let to: number;
    if (rangePart === '*' || rangePart === '?') {
      from = spec.min;
      to = spec.name === 'day-of-week' ? 6 : spec.max;
    } else {
      const bounds = (rangePart ?? '').split('-');
      if (bounds.length > 2) throw new NcrontabError(`bad range in ${spec.name} field "${item}"`);
      from = parseNumber(bounds[0] ?? '', spec);
      // "5/10" means "from 5 to the end, every 10th", as in NCrontab.
      to = bounds.length === 2 ? parseNumber(bounds[1] ?? '', spec) : stepPart !== undefined ? spec.max : from;
      if (from > to) throw new NcrontabError(`range ${from}-${to} runs backwards in ${spec.name} field`);
    }
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

function parseNumber(text: string, spec: FieldSpec, isStep = false): number {
  const lower = text.toLowerCase();
  const named = spec.names && !isStep ? spec.names.indexOf(lower) : -1;
  if (named >= 0) return spec.name === 'month' ? named + 1 : named;
  if (!/^\d+$/.test(text)) throw new NcrontabError(`"${text}" is not a number in the ${spec.name} field`);
  const n = Number(text);
  if (!isStep && (n < spec.min || n > spec.max)) {
    throw new NcrontabError(`${n} is outside ${spec.min}-${spec.max} in the ${spec.name} field`);
  }
  return n;
}

/** The first occurrence strictly after `after` (UTC), or undefined if none within five years. */
export function nextOccurrence(schedule: NcrontabSchedule, after: Date): Date | undefined {
  const t = new Date(after.getTime());
  t.setUTCMilliseconds(0);
  t.setUTCSeconds(t.getUTCSeconds() + 1);
  const limit = after.getTime() + 5 * 366 * 24 * 3600 * 1000;
  while (t.getTime() <= limit) {
    if (!schedule.months.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0);
      continue;
    }
    if (!schedule.days.has(t.getUTCDate()) || !schedule.daysOfWeek.has(t.getUTCDay())) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0);
      continue;
    }
    if (!schedule.hours.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0);
      continue;
    }
    if (!schedule.minutes.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0);
      continue;
    }
    if (!schedule.seconds.has(t.getUTCSeconds())) {
      t.setUTCSeconds(t.getUTCSeconds() + 1);
      continue;
    }
    return t;
  }
  return undefined;
}
