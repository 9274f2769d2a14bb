export * from "./contract.js";
export * from "./engine.js";
export * from "./errors.js";
export * from "./guard.js";
export * from "./manifest.js";
export * from "./sleep.js";
export * from "./zod-issues.js";
