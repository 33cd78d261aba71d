// The frame around every dashboard page: landmarks (banner, navigation, main, contentinfo), a skip link, the
// signed-in account with its sign-out button, and the attributes the live refresh reads.
import { assetPath } from "../assets/serve-asset.js";
import type { Viewer } from "../auth/viewer.js";
import { html, type SafeHtml } from "../html.js";

export type NavKey = "attention" | "costs" | "metrics";

const navItems: { key: NavKey; href: string; label: string }[] = [
  { key: "attention", href: "/dashboard", label: "Attention" },
  { key: "costs", href: "/dashboard/costs", label: "Costs" },
  { key: "metrics", href: "/dashboard/metrics", label: "Metrics" },
];

export interface LayoutOptions {
  title: string;
  main: SafeHtml;
  nav?: NavKey;
  viewer?: Viewer;
  /** Poll for changes this often (ms); omitted on pages that should stay still (login, errors). */
  refreshMs?: number;
  etag?: string;
}

export function layout(options: LayoutOptions): SafeHtml {
  const { title, main, nav, viewer, refreshMs, etag } = options;
  const live = refreshMs !== undefined;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${title} · Drover</title>
<link rel="stylesheet" href="${assetPath("dashboard.css")}">
<script src="${assetPath("dashboard.js")}" defer></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <a class="brand" href="/dashboard">Drover</a>
  ${
    viewer
      ? html`<nav aria-label="Dashboard">
    <ul>${navItems.map(
      (item) =>
        html`<li><a href="${item.href}"${item.key === nav ? html` aria-current="page"` : ""}>${item.label}</a></li>`,
    )}</ul>
  </nav>
  <div class="account">
    <span>Signed in as <strong>${viewer.principal.login}</strong></span>
    ${
      viewer.via === "cookie"
        ? html`<form method="post" action="/dashboard/logout"><input type="hidden" name="csrf" value="${viewer.csrf}"><button type="submit" class="link">Sign out</button></form>`
        : ""
    }
  </div>`
      : ""
  }
</header>
<main id="main" tabindex="-1"${live ? html` data-refresh="${refreshMs}" data-etag="${etag}"` : ""}>
${main}
</main>
<footer class="site-footer">
  ${live ? html`<p id="live-status">Live: this page checks for changes every ${Math.round(refreshMs / 1000)} s.</p>` : ""}
</footer>
</body>
</html>`;
}
