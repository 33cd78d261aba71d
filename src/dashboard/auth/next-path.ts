// Where to send someone after they sign in: only a dashboard page on this site, so a crafted link can never
// turn the login page into a redirect to somewhere else.

export const dashboardHome = "/dashboard";

export function safeNextPath(next: string | undefined | null): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.includes("\\")) return dashboardHome;
  let url: URL;
  try {
    url = new URL(next, "http://drover.invalid");
  } catch {
    return dashboardHome;
  }
  if (url.origin !== "http://drover.invalid") return dashboardHome;
  if (url.pathname !== dashboardHome && !url.pathname.startsWith(`${dashboardHome}/`)) return dashboardHome;
  if (url.pathname.startsWith(`${dashboardHome}/login`) || url.pathname.startsWith(`${dashboardHome}/auth/`))
    return dashboardHome;
  return `${url.pathname}${url.search}`;
}

/** The login page's address for someone who asked for `next`. */
export function loginPath(next: string): string {
  const target = safeNextPath(next);
  return target === dashboardHome
    ? "/dashboard/login"
    : `/dashboard/login?next=${encodeURIComponent(target)}`;
}
