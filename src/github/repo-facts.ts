// What Drover needs to know about a repo itself (default branch, allowed merge methods), cached for a while
// because it rarely changes and several effects of one event ask for it.
import { repoParams } from "./github-client.js";
import type { Installations } from "./installations.js";

export type MergeMethod = "merge" | "squash" | "rebase";

export interface RepoFacts {
  defaultBranch: string;
  /** In the order the repo config's `mergeMethod` documents: merge, squash, rebase. */
  mergeMethods: MergeMethod[];
}

export interface RepoFactsCache {
  get(repo: string): Promise<RepoFacts>;
}

const ttlMs = 10 * 60_000;

export function createRepoFactsCache(installations: Installations, now: () => number): RepoFactsCache {
  const cache = new Map<string, { facts: Promise<RepoFacts>; until: number }>();
  const fetchFacts = async (repo: string): Promise<RepoFacts> => {
    const client = await installations.clientFor(repo);
    const { data } = await client.rest.repos.get(repoParams(repo));
    const allowed: [MergeMethod, boolean | undefined][] = [
      ["merge", data.allow_merge_commit],
      ["squash", data.allow_squash_merge],
      ["rebase", data.allow_rebase_merge],
    ];
    // An installation token may not see the allow_* fields; GitHub then allows every method by default.
    const methods = allowed.filter(([, allow]) => allow !== false).map(([method]) => method);
    return { defaultBranch: data.default_branch, mergeMethods: methods };
  };
  return {
    get(repo) {
      const key = repo.toLowerCase();
      const hit = cache.get(key);
      if (hit && hit.until > now()) return hit.facts;
      const facts = fetchFacts(repo);
      cache.set(key, { facts, until: now() + ttlMs });
      facts.catch(() => cache.delete(key));
      return facts;
    },
  };
}
