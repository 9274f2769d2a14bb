import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { z } from "zod";
import type { Io } from "../../../src/cli/cli-context.js";
import { main } from "../../../src/cli/main.js";
import { type AppContext, openContext } from "../../../src/jobs/app-context.js";
import { loadAppConfig } from "../../../src/jobs/load-app-config.js";
import { type RunningWebServer, startWebServer, type WebAppDeps } from "../../../src/web/index.js";

export const REPO = resolve(import.meta.dirname, "../../..");
export const ADMIN_TOKEN = "web-test-admin-token-5f0c2e9a7b1d";

/**
 * The demo's config with every path absolute except the Marketing mapping, which lives in this workspace's own
 * mappings/ folder: the editor may overwrite it without touching the repository's copy.
 */
function demoConfig(mapping: string, recordedSheet: string): string {
  const at = (p: string) => JSON.stringify(join(REPO, p));
  return `
organisation: { name: Acme Pay, timeZone: Europe/Paris, currency: EUR }
directory: { file: ${at("fixtures/demo/people.yaml")} }
kpis: { file: ${at("fixtures/demo/kpis.yaml")} }
connectors:
  - id: jira-eng
    kind: jira
    baseUrl: https://acmepay.atlassian.net
    recorded: ${at("fixtures/jira/demo/slip")}
    jql: project = PAY
    kpiFrom: { labelsPrefix: "kpi:" }
    teamFrom: { fixed: Engineering }
    businessUnit: Payments
    pageSize: 2
    fullScanEveryMinutes: 20160
  - id: mkt-plan
    kind: sheets
    mapping: ${JSON.stringify(mapping)}
    recorded: ${JSON.stringify(recordedSheet)}
  - id: mail-actions
    kind: email
    recorded: ${at("fixtures/email/demo")}
  - id: demo-plan
    kind: file
    path: ${at("fixtures/demo/plan.yaml")}
alerts:
  adminChannel: "#sightline-admin"
`;
}

export interface DemoWorkspace {
  dir: string;
  configFile: string;
  db: string;
  mappingsDir: string;
  mappingFile: string;
  /** What `sightline demo` printed. */
  demoOutput: string;
  remove(): void;
}

/** A temp folder with the demo config and a database filled by the real `sightline demo`. */
export async function demoWorkspace(): Promise<DemoWorkspace> {
  const dir = mkdtempSync(join(tmpdir(), "sightline-web-"));
  const mappingsDir = join(dir, "mappings");
  mkdirSync(mappingsDir);
  const mappingFile = join(mappingsDir, "demo-marketing-plan.yaml");
  copyFileSync(join(REPO, "mappings/demo-marketing-plan.yaml"), mappingFile);
  const configFile = join(dir, "sightline.config.yaml");
  writeFileSync(configFile, demoConfig(mappingFile, join(REPO, "fixtures/sheets/demo-marketing-plan")));
  const db = join(dir, "sightline.db");
  let out = "";
  let err = "";
  const io: Io = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    isTty: false,
    env: {},
  };
  const args = [
    "--config",
    configFile,
    "--db",
    db,
    "demo",
    "--scenario",
    join(REPO, "fixtures/demo/scenario.yaml"),
  ];
  process.exitCode = 0;
  const code = await main(args, io);
  process.exitCode = 0;
  if (code !== 0) throw new Error(`sightline demo exited ${code}: ${err}`);
  return {
    dir,
    configFile,
    db,
    mappingsDir,
    mappingFile,
    demoOutput: out,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface DemoWeb {
  ctx: AppContext;
  server: RunningWebServer;
  url: string;
  /** Everything the app logged (must never contain the token). */
  logs: string[];
  close(): Promise<void>;
}

/** The web app alone on 127.0.0.1 (a free port) over the workspace's database. */
export async function startDemoWeb(
  ws: DemoWorkspace,
  extra: Partial<WebAppDeps> = {},
  open: { env?: Record<string, string>; now?: () => string } = {},
): Promise<DemoWeb> {
  const env = open.env ?? {};
  const ctx = await openContext(loadAppConfig(ws.configFile, env), {
    dbPath: ws.db,
    env,
    ...(open.now ? { now: open.now } : {}),
  });
  const logs: string[] = [];
  const server = await startWebServer({
    ctx,
    adminToken: ADMIN_TOKEN,
    mappingsDir: ws.mappingsDir,
    log: (line) => logs.push(line),
    ...extra,
  });
  return {
    ctx,
    server,
    url: server.url,
    logs,
    async close() {
      await server.close();
      await ctx.store.close();
    },
  };
}

/** A fetch that never follows redirects, so tests see the 303s themselves. */
export function call(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { redirect: "manual", ...init });
}

export const bearer = { Authorization: `Bearer ${ADMIN_TOKEN}` };

/** `name=value` of a Set-Cookie header list. */
export function cookiePair(res: Response, name: string): string | null {
  for (const c of res.headers.getSetCookie()) {
    const pair = c.split(";")[0]!;
    if (pair.startsWith(`${name}=`)) return pair;
  }
  return null;
}

/** Signs in through the form as a browser would (with the name decisions are recorded under); returns the session cookie pair. */
export async function signIn(url: string, name = ""): Promise<string> {
  const page = await call(`${url}/login`);
  const nonceCookie = cookiePair(page, "sightline_login");
  const nonce = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!nonceCookie || !nonce) throw new Error("the sign-in page did not hand out its nonce");
  const res = await call(`${url}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: nonceCookie },
    body: new URLSearchParams({ token: ADMIN_TOKEN, csrf: nonce, next: "/conflicts", name }).toString(),
  });
  const session = cookiePair(res, "sightline_session");
  if (res.status !== 303 || !session) throw new Error(`sign-in failed with ${res.status}`);
  return session;
}

/** The CSRF token a page's forms carry. */
export function csrfOf(html: string): string {
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error("no CSRF token on the page");
  return token;
}

/** A response body parsed with the API's own schema: the test fails if the server strays from its contract. */
export async function body<S extends z.ZodType>(res: Response, schema: S): Promise<z.output<S>> {
  return schema.parse(await res.json());
}
