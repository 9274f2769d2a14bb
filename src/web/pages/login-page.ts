import { html, type SafeHtml } from "../http/html.js";
import { layout } from "./layout.js";

export function loginPage(opts: { nonce: string; next: string; failed: boolean }): SafeHtml {
  return layout({
    title: "Sign in",
    section: "login",
    csrf: null,
    body: html`<h1>Sign in</h1>
      ${opts.failed ? html`<p class="error" role="alert">That token is not the admin token. Try again.</p>` : ""}
      <form method="post" action="/login" class="inline-form">
        <input type="hidden" name="csrf" value="${opts.nonce}">
        <input type="hidden" name="next" value="${opts.next}">
        <div class="field grow">
          <label for="token">Admin token</label>
          <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
        </div>
        <div class="field grow">
          <label for="name">Your name <span class="muted">(optional: recorded with what you decide)</span></label>
          <input id="name" name="name" type="text" autocomplete="name" maxlength="60">
        </div>
        <button type="submit">Sign in</button>
      </form>
      <p class="hint">The token is the value of SIGHTLINE_ADMIN_TOKEN on the server. API clients send it as
      <code>Authorization: Bearer …</code> instead.</p>`,
  });
}

/** Only local paths are followed after sign-in: `next=https://evil.example` must not become an open redirect. */
export function safeNext(next: string | null | undefined): string {
  return next && /^\/(?![/\\])[^\s]*$/.test(next) && !next.startsWith("/login") ? next : "/conflicts";
}
