import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN_TOKEN,
  bearer,
  call,
  cookiePair,
  csrfOf,
  type DemoWeb,
  type DemoWorkspace,
  demoWorkspace,
  signIn,
  startDemoWeb,
} from "./web-harness.js";

let ws: DemoWorkspace;
let web: DemoWeb;

beforeAll(async () => {
  ws = await demoWorkspace();
  web = await startDemoWeb(ws);
}, 60_000);

afterAll(async () => {
  await web?.close();
  ws?.remove();
});

const form = (fields: Record<string, string>, cookie?: string) => ({
  method: "POST",
  headers: {
    "Content-Type": "application/x-www-form-urlencoded",
    ...(cookie ? { Cookie: cookie } : {}),
  },
  body: new URLSearchParams(fields).toString(),
});

describe("API authentication", () => {
  it("answers 401 with a Bearer challenge without a token, and with a wrong one", async () => {
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: "Bearer not-the-token-at-all-000000" },
      { Authorization: ADMIN_TOKEN },
    ];
    for (const headers of attempts) {
      const res = await call(`${web.url}/api/conflicts`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await res.json()).toMatchObject({ error: "unauthorized" });
    }
  });

  it("lets the admin token in as a bearer token, on every API route", async () => {
    for (const path of ["/api/conflicts", "/api/kpis", "/api/actions", "/api/sources", "/api/openapi.json"]) {
      expect((await call(`${web.url}${path}`, { headers: bearer })).status, path).toBe(200);
      expect((await call(`${web.url}${path}`)).status, path).toBe(401);
    }
  });

  it("refuses an unauthenticated POST before reading it", async () => {
    const res = await call(`${web.url}/api/sources/demo-plan/sync`, { method: "POST" });
    expect(res.status).toBe(401);
  });
});

describe("sign-in for pages", () => {
  it("sends pages to the sign-in form, keeping where they were going", async () => {
    const res = await call(`${web.url}/conflicts?team=Marketing`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(
      `/login?next=${encodeURIComponent("/conflicts?team=Marketing")}`,
    );
  });

  it("sets a signed, HttpOnly, SameSite=Strict session cookie for the right token only", async () => {
    const page = await call(`${web.url}/login`);
    const html = await page.text();
    expect(html).toContain('<meta name="viewport"');
    expect(html).toMatch(/<label for="token">Admin token<\/label>/);
    const nonceCookie = cookiePair(page, "sightline_login")!;
    const nonce = csrfOf(html);

    const wrong = await call(
      `${web.url}/login`,
      form({ token: "wrong-token-wrong-token", csrf: nonce }, nonceCookie),
    );
    expect(wrong.status).toBe(401);
    expect(cookiePair(wrong, "sightline_session")).toBeNull();

    const noNonce = await call(`${web.url}/login`, form({ token: ADMIN_TOKEN, csrf: nonce }));
    expect(noNonce.status).toBe(403);

    const ok = await call(
      `${web.url}/login`,
      form({ token: ADMIN_TOKEN, csrf: nonce, next: "/kpis" }, nonceCookie),
    );
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/kpis");
    const setCookie = ok.headers.getSetCookie().find((c) => c.startsWith("sightline_session="))!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(ADMIN_TOKEN);

    const kpis = await call(`${web.url}/kpis`, { headers: { Cookie: setCookie.split(";")[0]! } });
    expect(kpis.status).toBe(200);
  });

  it("never redirects off-site after sign-in", async () => {
    const page = await call(`${web.url}/login`);
    const nonceCookie = cookiePair(page, "sightline_login")!;
    const nonce = csrfOf(await page.text());
    for (const next of ["//evil.example/x", "https://evil.example/", "/\\evil.example"]) {
      const res = await call(
        `${web.url}/login`,
        form({ token: ADMIN_TOKEN, csrf: nonce, next }, nonceCookie),
      );
      expect(res.headers.get("location")).toBe("/conflicts");
    }
  });

  it("rejects a tampered or forged session cookie", async () => {
    const session = await signIn(web.url);
    const value = session.split("=")[1]!;
    const tampered = `sightline_session=${value.replace(/^v2\.\d+/, "v2.99999999999999")}`;
    expect((await call(`${web.url}/conflicts`, { headers: { Cookie: tampered } })).status).toBe(303);
    // The name decisions are recorded under is signed too: writing another one in signs you out.
    const renamed = `sightline_session=${value.replace(/^(v2\.\d+\.[^.]+)\.[^.]*\./, "$1.QW5h.")}`;
    expect(renamed).not.toBe(`sightline_session=${value}`);
    expect((await call(`${web.url}/conflicts`, { headers: { Cookie: renamed } })).status).toBe(303);
    const forged =
      "sightline_session=v2.99999999999999.AAAAAAAAAAAAAAAAAAAAAAAA.QW5h.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    expect((await call(`${web.url}/api/conflicts`, { headers: { Cookie: forged } })).status).toBe(401);
  });
});

describe("CSRF", () => {
  it("refuses a form POST without the page's token, and runs it with the token", async () => {
    const session = await signIn(web.url);
    const sources = await (await call(`${web.url}/sources`, { headers: { Cookie: session } })).text();
    const token = csrfOf(sources);

    const missing = await call(`${web.url}/sources/demo-plan/sync`, form({}, session));
    expect(missing.status).toBe(403);
    const wrong = await call(`${web.url}/sources/demo-plan/sync`, form({ csrf: `${token}x` }, session));
    expect(wrong.status).toBe(403);
    // A token from another session is worth nothing in this one.
    const other = csrfOf(
      await (await call(`${web.url}/sources`, { headers: { Cookie: await signIn(web.url) } })).text(),
    );
    expect(other).not.toBe(token);
    expect((await call(`${web.url}/sources/demo-plan/sync`, form({ csrf: other }, session))).status).toBe(
      403,
    );

    const ok = await call(`${web.url}/sources/demo-plan/sync`, form({ csrf: token }, session));
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/sources?synced=demo-plan#source-demo-plan");
  });

  it("requires the CSRF header when the pages' cookie calls a mutating API route", async () => {
    const session = await signIn(web.url);
    const token = csrfOf(await (await call(`${web.url}/sources`, { headers: { Cookie: session } })).text());
    const body = JSON.stringify({ source: { instance: "mkt-plan" }, mapping: {} });
    const headers = { Cookie: session, "Content-Type": "application/json" };
    const without = await call(`${web.url}/api/mappings/preview`, { method: "POST", headers, body });
    expect(without.status).toBe(403);
    const withToken = await call(`${web.url}/api/mappings/preview`, {
      method: "POST",
      headers: { ...headers, "X-CSRF-Token": token },
      body,
    });
    // Past the CSRF check: the empty mapping is refused for what it is.
    expect(withToken.status).toBe(422);
  });

  it("signs out through a CSRF-protected form", async () => {
    const session = await signIn(web.url);
    const token = csrfOf(await (await call(`${web.url}/conflicts`, { headers: { Cookie: session } })).text());
    const out = await call(`${web.url}/logout`, form({ csrf: token }, session));
    expect(out.status).toBe(303);
    expect(cookiePair(out, "sightline_session")).toBe("sightline_session=");
  });
});

describe("secrets", () => {
  it("never renders, returns or logs the admin token", async () => {
    const session = await signIn(web.url);
    const bodies: string[] = [];
    for (const path of [
      "/login",
      "/conflicts",
      "/kpis",
      "/actions",
      "/sources",
      "/mapping",
      "/mapping?instance=mkt-plan",
    ]) {
      bodies.push(await (await call(`${web.url}${path}`, { headers: { Cookie: session } })).text());
    }
    for (const path of [
      "/api/conflicts",
      "/api/sources",
      "/api/openapi.json",
      "/api/mappings/sheet?instance=mkt-plan",
    ]) {
      bodies.push(await (await call(`${web.url}${path}`, { headers: bearer })).text());
    }
    for (const body of bodies) expect(body).not.toContain(ADMIN_TOKEN);
    for (const line of web.logs) expect(line).not.toContain(ADMIN_TOKEN);
  });

  it("sends a strict content security policy with every page", async () => {
    const res = await call(`${web.url}/login`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
  });
});
