export * from "./client.js";
export * from "./connector.js";
export * from "./map.js";
export * from "./raw-schema.js";
