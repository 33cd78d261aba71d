// The dashboard's one script, kept as a string for the same reason as the stylesheet. Pages work without it;
// it adds live refresh (polling the page's JSON form, which works on serverless where a long-lived event
// stream would hold a function open) and a confirmation before destructive buttons.
export const dashboardJs = `
(() => {
  "use strict";
  const main = document.querySelector("main[data-refresh]");
  const status = document.getElementById("live-status");
  const say = (text) => { if (status) status.textContent = text; };
  let timer;
  let busy = false;
  let etag = main ? main.getAttribute("data-etag") : null;
  const every = main ? Number(main.getAttribute("data-refresh")) : 0;

  async function refresh() {
    if (!main || busy) return;
    busy = true;
    try {
      const headers = { accept: "application/json" };
      if (etag) headers["if-none-match"] = etag;
      const res = await fetch(location.href, { headers, credentials: "same-origin", cache: "no-store" });
      if (res.status === 401) { location.reload(); return; }
      if (res.status === 200) {
        const body = await res.json();
        etag = body.etag;
        const fresh = document.createElement("template");
        fresh.innerHTML = body.html;
        for (const region of main.querySelectorAll("[data-live]")) {
          const name = region.getAttribute("data-live");
          const next = fresh.content.querySelector('[data-live="' + CSS.escape(name) + '"]');
          if (next && next.innerHTML !== region.innerHTML) region.innerHTML = next.innerHTML;
        }
        if (body.title) document.title = body.title;
      }
      if (res.ok || res.status === 304) say("Live: checked for changes at " + new Date().toLocaleTimeString());
      else say("Live refresh paused: the server answered " + res.status + "; retrying.");
    } catch (error) {
      say("Live refresh paused: cannot reach the server; retrying.");
    } finally {
      busy = false;
      schedule();
    }
  }

  function schedule() {
    clearTimeout(timer);
    if (main && every > 0 && !document.hidden) timer = setTimeout(refresh, every);
  }

  document.addEventListener("visibilitychange", () => {
    if (document.hidden) clearTimeout(timer);
    else refresh();
  });
  document.addEventListener("submit", (event) => {
    const form = event.target;
    const question = form instanceof HTMLFormElement ? form.getAttribute("data-confirm") : null;
    if (question && !window.confirm(question)) event.preventDefault();
  });
  schedule();
})();
`;
