// The repo's `.github/drover.yml`, read from its default branch through the API and cached for a few
// minutes (a push that changes it drops the cache). An invalid file never stops Drover: the defaults apply
// and the problem is reported where people will see it (see report-config-problem.ts).
import { defaultRepoConfig, parseRepoConfigText, type RepoConfig } from "../config/repo-config.js";
import type { Logger } from "../shared/logger.js";
import { type GitHubClient, httpStatus, repoParams } from "./github-client.js";
import { type Installations, NotInstalledError } from "./installations.js";

export const configPath = ".github/drover.yml";

export interface LoadedConfig {
  config: RepoConfig;
  /** Why the file was not used (it is invalid); the defaults apply meanwhile. */
  problem?: string;
}

export interface RepoConfigs {
  get(repo: string): Promise<RepoConfig>;
  load(repo: string): Promise<LoadedConfig>;
  /** Forgets the cached file and reads it again (a push to the default branch changed it). */
  reload(repo: string): Promise<LoadedConfig>;
}

const ttlMs = 5 * 60_000;

export function createRepoConfigs(installations: Installations, log: Logger, now: () => number): RepoConfigs {
  const cache = new Map<string, { loaded: LoadedConfig; until: number }>();
  const inFlight = new Map<string, Promise<LoadedConfig>>();

  const fetchConfig = async (repo: string): Promise<LoadedConfig> => {
    let client: GitHubClient;
    try {
      client = await installations.clientFor(repo);
    } catch (error) {
      // A session on a repo the app does not cover (a Linear issue's repo): its runner still reports.
      if (!(error instanceof NotInstalledError)) throw error;
      log.warn({ repo }, `${error.message} Using the default config for it.`);
      return { config: defaultRepoConfig };
    }
    let text: string;
    try {
      // No ref: the default branch, so a pull request cannot change how Drover treats it.
      const { data } = await client.rest.repos.getContent({ ...repoParams(repo), path: configPath });
      if (Array.isArray(data) || data.type !== "file" || !("content" in data))
        return { config: defaultRepoConfig, problem: `${configPath} is not a file.` };
      text = Buffer.from(data.content, "base64").toString("utf8");
    } catch (error) {
      if (httpStatus(error) === 404) return { config: defaultRepoConfig };
      throw error;
    }
    try {
      return { config: parseRepoConfigText(text, configPath) };
    } catch (error) {
      return { config: defaultRepoConfig, problem: (error as Error).message };
    }
  };

  const load = (repo: string, fresh = false): Promise<LoadedConfig> => {
    const key = repo.toLowerCase();
    const hit = cache.get(key);
    if (!fresh && hit && hit.until > now()) return Promise.resolve(hit.loaded);
    const running = inFlight.get(key);
    if (running && !fresh) return running;
    const loading = fetchConfig(repo)
      .then((loaded) => {
        cache.set(key, { loaded, until: now() + ttlMs });
        return loaded;
      })
      .catch((error: unknown) => {
        // GitHub is briefly unreachable: the last copy read is better than the defaults.
        if (!hit) throw error;
        log.warn({ repo, err: error }, `could not read ${configPath}; using the copy read before`);
        return hit.loaded;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, loading);
    return loading;
  };

  return {
    get: async (repo) => (await load(repo)).config,
    load: (repo) => load(repo),
    reload: (repo) => load(repo, true),
  };
}
