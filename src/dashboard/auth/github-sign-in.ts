// GitHub sign-in through GitHub's web flow with the GitHub App's own client id and secret. The user's token
// lists the app's installations the user can access (GET /user/installations): no installation, no entry.
// The token is used during the callback only and never stored.
import { Octokit } from "@octokit/rest";
import { z } from "zod";
import { HttpError } from "../../server/http.js";
import type { GitHubSignIn } from "../dashboard-settings.js";

export function authorizeUrl(github: GitHubSignIn, redirectUri: string, state: string): string {
  const url = new URL("/login/oauth/authorize", github.webUrl);
  url.searchParams.set("client_id", github.clientId);
  url.searchParams.set("redirect_uri", redirectUri);
  url.searchParams.set("state", state);
  url.searchParams.set("allow_signup", "false");
  return url.toString();
}

const tokenReply = z.union([
  z.object({ access_token: z.string().min(1) }),
  z.object({ error: z.string(), error_description: z.string().optional() }),
]);

/** Trades the code GitHub sent back for the user's access token. */
export async function exchangeCode(github: GitHubSignIn, code: string, redirectUri: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(new URL("/login/oauth/access_token", github.webUrl), {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify({
        client_id: github.clientId,
        client_secret: github.clientSecret,
        code,
        redirect_uri: redirectUri,
      }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new HttpError(502, `GitHub could not be reached to finish signing in: ${(error as Error).message}`);
  }
  const parsed = tokenReply.safeParse(await res.json().catch(() => undefined));
  if (!res.ok || !parsed.success)
    throw new HttpError(502, `GitHub answered the sign-in with HTTP ${res.status}; try again.`);
  if ("error" in parsed.data) {
    // bad_verification_code: the code expired (10 minutes) or was used already, e.g. a reloaded callback.
    throw new HttpError(
      400,
      `GitHub refused the sign-in (${parsed.data.error}${parsed.data.error_description ? `: ${parsed.data.error_description}` : ""}); start again.`,
    );
  }
  return parsed.data.access_token;
}

export interface GitHubIdentity {
  login: string;
  /** Logins of the users and organisations where the app is installed and this user has access. */
  accounts: string[];
}

export async function identify(github: GitHubSignIn, token: string): Promise<GitHubIdentity> {
  const octokit = new Octokit({ auth: token, baseUrl: github.apiUrl });
  try {
    const { data: user } = await octokit.rest.users.getAuthenticated();
    const installations = await octokit.paginate(octokit.rest.apps.listInstallationsForAuthenticatedUser, {
      per_page: 100,
    });
    const accounts = installations.flatMap((installation) => {
      const account = installation.account as { login?: string; slug?: string } | null;
      const name = account?.login ?? account?.slug;
      return name ? [name] : [];
    });
    return { login: user.login, accounts: [...new Set(accounts)].sort() };
  } catch (error) {
    const status = (error as { status?: number }).status;
    throw new HttpError(
      502,
      `GitHub did not say who you are (HTTP ${status ?? "error"}); try signing in again.`,
    );
  }
}
