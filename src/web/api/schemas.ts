/**
 * The JSON API's shapes, one module per area. Handlers are typed from these, requests are parsed with them,
 * and the OpenAPI document's components are generated from them, so the three cannot drift apart.
 */
export * from "./action-schemas.js";
export * from "./conflict-schemas.js";
export * from "./kpi-schemas.js";
export * from "./mapping-schemas.js";
export { ErrorBodySchema } from "./schema-parts.js";
export * from "./source-schemas.js";
