export { adminTokenFromEnv } from "./admin-token.js";
export { openApiDocument } from "./api/openapi.js";
export type {
  ActionDetail,
  ActionPage,
  ConflictDetail,
  ConflictPage,
  KpiReport,
  SourceStatus,
} from "./api/schemas.js";
export { MIN_ADMIN_TOKEN_LENGTH } from "./auth/web-auth.js";
export {
  defaultSheetsTransportFor,
  defaultSyncNow,
  type SheetSource,
  type SyncNowResult,
  type WebAppDeps,
} from "./deps.js";
export { WebError } from "./errors.js";
export { createWebApp, type WebHandler } from "./web-app.js";
export { type RunningWebServer, type StartWebServerOptions, startWebServer } from "./web-server.js";
