// The login page: the dashboard token form (self-hosting) and/or "Sign in with GitHub", whichever the
// environment configures, and a plain explanation when neither is.
import type { DashboardSettings } from "../dashboard-settings.js";
import { html, type SafeHtml } from "../html.js";
import { layout } from "../views/layout.js";

export interface LoginPageOptions {
  settings: DashboardSettings;
  next: string;
  error?: string;
}

export function loginPage({ settings, next, error }: LoginPageOptions): SafeHtml {
  const githubHref = `/dashboard/auth/github?next=${encodeURIComponent(next)}`;
  const main = html`<div class="login">
<h1>Sign in to Drover</h1>
${error ? html`<p class="notice error" role="alert">${error}</p>` : ""}
${
  settings.token
    ? html`<form method="post" action="/dashboard/login">
  <input type="hidden" name="next" value="${next}">
  <label for="token">Dashboard token <span class="hint">The value of DROVER_DASHBOARD_TOKEN on the server.</span></label>
  <input type="password" id="token" name="token" required autocomplete="current-password" spellcheck="false">
  <label for="name">Your GitHub login (optional) <span class="hint">Shown in session logs for what you do here.</span></label>
  <input type="text" id="name" name="name" autocomplete="username" spellcheck="false" autocapitalize="none">
  <p><button type="submit" class="primary">Sign in</button></p>
</form>`
    : ""
}
${settings.token && settings.github ? html`<p class="or">Or</p>` : ""}
${settings.github ? html`<p><a class="button primary" href="${githubHref}">Sign in with GitHub</a></p><p class="muted">For members of the accounts where the Drover app is installed.</p>` : ""}
${
  !settings.token && !settings.github
    ? html`<p class="notice error" role="alert">The dashboard is locked: no way to sign in is configured. Set DROVER_DASHBOARD_TOKEN (self-hosting) or GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET (GitHub sign-in) and restart the app.</p>`
    : ""
}
</div>`;
  return layout({ title: "Sign in", main });
}
