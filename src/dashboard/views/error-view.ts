// What a page shows when it cannot be shown: the reason in words and the way back.
import type { HttpError } from "../../server/http.js";
import { html, type SafeHtml } from "../html.js";

export function errorMain(error: HttpError): SafeHtml {
  const heading =
    error.status === 404 ? "Not found" : error.status === 403 ? "Not allowed" : "Something went wrong";
  return html`<h1>${heading}</h1>
<p class="notice error" role="alert">${error.message}</p>
<p><a href="/dashboard">Back to the attention view</a></p>`;
}
