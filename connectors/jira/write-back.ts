import { parseCalendarDate } from "../../src/model/index.js";
import type { DateChange } from "../../src/sync/contract.js";
import { JiraError } from "./errors.js";
import type { FieldIds } from "./fields.js";

/** `+0100`: the zone's UTC offset at that instant, as Jira writes datetimes. */
export function jiraOffset(timeZone: string, at: Date): string {
  const name =
    new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
      .formatToParts(at)
      .find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? `${m[1]}${m[2]}${m[3]}` : "+0000";
}

/**
 * A day for a `datetime` start field: noon of that day in the organisation's zone, in Jira's format
 * (`2026-04-06T12:00:00.000+0200`). Noon, so the day reads the same in any zone within 12 hours of it: Jira
 * shows a datetime in each user's zone, and a bare date would be refused or read as midnight UTC.
 */
export function startInstant(day: string, timeZone: string): string {
  // The offset at noon UTC of that day is the zone's offset that day, DST switches (at night) aside.
  const offset = jiraOffset(timeZone, new Date(`${day}T12:00:00Z`));
  return `${day}T12:00:00.000${offset}`;
}

/**
 * Pure: the `fields` object of `PUT /rest/api/3/issue/{key}` for a date change. `undefined` leaves a date
 * alone, `null` clears it. A start date cannot be written when the site has no start-date field; it is
 * written as the field's schema type asks (a day, or an instant in `timeZone`).
 */
export function dateChangeFields(
  key: string,
  change: DateChange,
  ids: FieldIds,
  instance: string,
  timeZone = "UTC",
): Record<string, string | null> {
  const fields: Record<string, string | null> = {};
  const check = (name: string, value: string | null) => {
    if (value !== null && parseCalendarDate(value) === null) {
      throw new JiraError(
        "jira_bad_change",
        `Write-back of ${key}: ${name} ${JSON.stringify(value)} is not a calendar date YYYY-MM-DD`,
      );
    }
  };
  if (change.due !== undefined) {
    check("due", change.due);
    fields.duedate = change.due;
  }
  if (change.start !== undefined) {
    check("start", change.start);
    if (!ids.start) {
      throw new JiraError(
        "jira_no_start_field",
        `Write-back of ${key}: connector ${instance} has no start-date field on this site, so the start ` +
          "date cannot be written. Set startDateField to the name (or id) of the site's start-date field",
      );
    }
    fields[ids.start] =
      change.start !== null && ids.startKind === "datetime"
        ? startInstant(change.start, timeZone)
        : change.start;
  }
  if (Object.keys(fields).length === 0) {
    throw new JiraError("jira_bad_change", `Write-back of ${key}: the change sets neither start nor due`);
  }
  return fields;
}
