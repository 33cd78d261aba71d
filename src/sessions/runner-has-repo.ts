// Whether any runner that is not revoked has declared the repo, so a new session can say it will wait.
import type { AppContext } from "../server/app-context.js";

export async function runnerHasRepo(app: AppContext, repo: string): Promise<boolean> {
  const wanted = repo.toLowerCase();
  const runners = await app.store.listRunners();
  return runners.some((r) => !r.revoked && r.repos.some((declared) => declared.toLowerCase() === wanted));
}
