import type { WorkingCalendar } from "../alerts/working-hours.js";
import type { SightlineConfig } from "../config/index.js";

/** The organisation's working time (alerts.workingTime in organisation.timeZone), for escalation delays. */
export function workingCalendarOf(config: SightlineConfig): WorkingCalendar {
  const w = config.alerts.workingTime;
  return { timeZone: config.organisation.timeZone, days: w.days, start: w.start, end: w.end };
}
