/**
 * Integer codes for the hot arrays. Dates are day numbers in Int32Arrays; NONE marks "no date" so that
 * a missing date never needs an object or a branch on `null` in the propagation loop.
 */
export const NONE = -2147483648;

export const FLAG_ALIVE = 1;
export const FLAG_CLOSED = 2;
export const FLAG_DONE = 4;
export const FLAG_CYCLE = 8;
/** No KPI, or a KPI key missing from the catalog: set at indexing so the KPI rule skips everyone else. */
export const FLAG_KPI_ISSUE = 16;
/** Neither start nor due. A flag so the undated-dependency rule reads one cache-resident byte per edge. */
export const FLAG_UNDATED = 32;
/** Status todo: not started. Such work cannot start before today, whatever its planned start says. */
export const FLAG_UNSTARTED = 64;

export const DEP_FS = 0;
export const DEP_SS = 1;
export const DEP_FF = 2;
export const DEP_NAMES = ["FS", "SS", "FF"] as const;

/** Which term set an action's forecast finish: its own dates, its pushed start, or an FF dependency. */
export const DRIVER_OWN = 0;
export const DRIVER_START = 1;
export const DRIVER_FINISH = 2;

export function depCode(type: "FS" | "SS" | "FF"): number {
  return type === "SS" ? DEP_SS : type === "FF" ? DEP_FF : DEP_FS;
}
