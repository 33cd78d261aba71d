// Which installation of the app covers a repo, so work outside a webhook (the sweep, runner reports) can act
// as the app there. Webhooks tell us as they arrive; otherwise GitHub is asked once per repo and process.
import type { Probot } from "probot";
import { type GitHubClient, httpStatus, repoParams } from "./github-client.js";

export interface Installations {
  remember(repo: string, installationId: number): void;
  forget(repo: string): void;
  /** Throws when the app is not installed on the repo. */
  idFor(repo: string): Promise<number>;
  /** An Octokit authenticated as the installation that covers the repo (tokens are cached by Probot). */
  clientFor(repo: string): Promise<GitHubClient>;
}

export class NotInstalledError extends Error {
  constructor(readonly repo: string) {
    super(`The Drover GitHub App is not installed on ${repo}; install it there (docs/github-app.md).`);
    this.name = "NotInstalledError";
  }
}

export function createInstallations(probot: Probot): Installations {
  const ids = new Map<string, number>();
  const lookups = new Map<string, Promise<number>>();
  const key = (repo: string) => repo.toLowerCase();

  const lookUp = async (repo: string): Promise<number> => {
    const appClient = await probot.auth();
    try {
      const { data } = await appClient.rest.apps.getRepoInstallation(repoParams(repo));
      ids.set(key(repo), data.id);
      return data.id;
    } catch (error) {
      if (httpStatus(error) === 404) throw new NotInstalledError(repo);
      throw error;
    }
  };

  const idFor = (repo: string): Promise<number> => {
    const known = ids.get(key(repo));
    if (known !== undefined) return Promise.resolve(known);
    let pending = lookups.get(key(repo));
    if (!pending) {
      pending = lookUp(repo).finally(() => lookups.delete(key(repo)));
      lookups.set(key(repo), pending);
    }
    return pending;
  };

  return {
    remember: (repo, installationId) => ids.set(key(repo), installationId),
    forget: (repo) => ids.delete(key(repo)),
    idFor,
    clientFor: async (repo) => probot.auth(await idFor(repo)),
  };
}
