// The sessions a viewer may see, with each repo's config (the zone mapping and the runtime default need it),
// each config read once per page however many sessions share the repo.
import type { RepoConfig } from "../config/repo-config.js";
import type { Session } from "../core/session.js";
import type { AppContext } from "../server/app-context.js";
import { canSee, type Principal } from "./auth/viewer.js";

export async function visibleSessions(app: AppContext, principal: Principal): Promise<Session[]> {
  const sessions = await app.store.listSessions();
  return sessions.filter((session) => canSee(principal, session.repo));
}

export async function repoConfigs(
  app: AppContext,
  sessions: readonly Session[],
): Promise<Map<string, RepoConfig>> {
  const repos = [...new Set(sessions.map((s) => s.repo))];
  const configs = await Promise.all(repos.map((repo) => app.repoConfig(repo)));
  return new Map(repos.map((repo, i) => [repo, configs[i]!]));
}
