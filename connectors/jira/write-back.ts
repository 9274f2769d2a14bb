import { parseCalendarDate } from "../../src/model/index.js";
import type { DateChange } from "../../src/sync/contract.js";
import { JiraError } from "./errors.js";
import type { FieldIds } from "./fields.js";

/**
 * Pure: the `fields` object of `PUT /rest/api/3/issue/{key}` for a date change. `undefined` leaves a date
 * alone, `null` clears it. A start date cannot be written when the site has no start-date field.
 */
export function dateChangeFields(
  key: string,
  change: DateChange,
  ids: FieldIds,
  instance: string,
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
    fields[ids.start] = change.start;
  }
  if (Object.keys(fields).length === 0) {
    throw new JiraError("jira_bad_change", `Write-back of ${key}: the change sets neither start nor due`);
  }
  return fields;
}
