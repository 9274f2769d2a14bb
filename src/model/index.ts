export * from "./action.js";
export * from "./calendar-date.js";
export * from "./conflict.js";
export * from "./conflict-facts.js";
export * from "./errors.js";
export * from "./kpi.js";
export * from "./person.js";
export * from "./redact-url.js";
