import { redirect, sendHtml } from "../http/respond.js";
import { cookieHeader } from "./auth/cookies.js";
import { LOGIN_COOKIE } from "./auth/web-auth.js";
import { WebError } from "./errors.js";
import { readForm } from "./http/request.js";
import { loginPage, safeNext } from "./pages/login-page.js";
import type { Route } from "./router.js";
import type { WebServices } from "./services.js";

/** Sign-in with the admin token (a signed session cookie), sign-out. */
export function sessionRoutes(s: WebServices): Route[] {
  const { auth } = s;
  return [
    {
      method: "GET",
      path: /^\/login$/,
      access: "public",
      handle(rc) {
        const next = safeNext(rc.url.searchParams.get("next"));
        if (auth.session(rc.req)) return redirect(rc.res, next);
        const nonce = auth.loginNonce(rc.req);
        sendHtml(rc.res, 200, loginPage({ nonce: nonce.value, next, failed: false }), {
          ...(nonce.setCookie ? { "Set-Cookie": nonce.setCookie } : {}),
        });
      },
    },
    {
      method: "POST",
      path: /^\/login$/,
      access: "public",
      async handle(rc) {
        const form = await readForm(rc.req);
        // The sign-in form has no session yet: its CSRF defence is the double-submit nonce.
        if (!auth.loginNonceValid(rc.req, form.get("csrf"))) {
          throw new WebError(
            "csrf_failed",
            403,
            "the sign-in form expired or came from another site: reload it and try again",
          );
        }
        const next = safeNext(form.get("next"));
        if (!auth.tokenMatches(form.get("token") ?? "")) {
          const nonce = auth.loginNonce(rc.req);
          sendHtml(rc.res, 401, loginPage({ nonce: nonce.value, next, failed: true }));
          return;
        }
        redirect(rc.res, next, {
          "Set-Cookie": [
            auth.signIn(form.get("name")),
            cookieHeader(LOGIN_COOKIE, "", {
              maxAgeSeconds: 0,
              path: "/login",
              secure: s.deps.secureCookies,
            }),
          ],
        });
      },
    },
    {
      method: "POST",
      path: /^\/logout$/,
      access: "page",
      handle: (rc) => redirect(rc.res, "/login", { "Set-Cookie": auth.signOut() }),
    },
  ];
}
