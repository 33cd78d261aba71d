// One comment per issue or PR that Drover edits in place (the status), found by a hidden marker. Writers are
// serialised by a store lock, so two instances never both create it; the comment's id is remembered.
import type { AppContext } from "../../server/app-context.js";
import { type GitHubClient, httpStatus, repoParams } from "../github-client.js";
import { withLock } from "../with-lock.js";

export type StickyOutcome = "created" | "updated" | "unchanged";

export interface StickyComments {
  /**
   * Writes the sticky comment marked `marker` on issue or PR `number`: `render` gets the current body (or
   * undefined) and returns the new one. Runs under a lock, so `render` may read the latest state.
   */
  upsert(
    client: GitHubClient,
    repo: string,
    number: number,
    marker: string,
    render: (current: string | undefined) => Promise<string>,
  ): Promise<StickyOutcome>;
  /** The body of the sticky comment if it exists. */
  read(client: GitHubClient, repo: string, number: number, marker: string): Promise<string | undefined>;
}

interface Known {
  id: number;
  body: string;
  /** Read from GitHub just now (not remembered): an equal body means there is nothing to write. */
  fresh?: boolean;
}

export function createStickyComments(app: AppContext, appId: number): StickyComments {
  const known = new Map<string, Known>();
  const keyOf = (repo: string, number: number, marker: string) => `${repo.toLowerCase()}#${number}${marker}`;

  const find = async (
    client: GitHubClient,
    repo: string,
    number: number,
    marker: string,
  ): Promise<Known | undefined> => {
    const key = keyOf(repo, number, marker);
    const cached = known.get(key);
    if (cached) return cached;
    const pages = client.paginate.iterator(client.rest.issues.listComments, {
      ...repoParams(repo),
      issue_number: number,
      per_page: 100,
    });
    for await (const { data } of pages) {
      const ours = data.find(
        (c) =>
          c.body?.includes(marker) && (c.performed_via_github_app?.id === appId || c.user?.type === "Bot"),
      );
      if (ours) {
        known.set(key, { id: ours.id, body: ours.body ?? "" });
        return { id: ours.id, body: ours.body ?? "", fresh: true };
      }
    }
    return undefined;
  };

  return {
    read: async (client, repo, number, marker) => (await find(client, repo, number, marker))?.body,
    upsert: (client, repo, number, marker, render) =>
      withLock(app, `github-sticky:${keyOf(repo, number, marker)}`, async () => {
        const key = keyOf(repo, number, marker);
        const current = await find(client, repo, number, marker);
        const body = await render(current?.body);
        // A remembered body may be stale (another instance edited since), so only a fresh read can skip.
        if (current?.fresh && current.body === body) return "unchanged";
        if (current) {
          try {
            await client.rest.issues.updateComment({ ...repoParams(repo), comment_id: current.id, body });
            known.set(key, { id: current.id, body });
            return "updated";
          } catch (error) {
            // Someone deleted it: write a new one below.
            if (httpStatus(error) !== 404) throw error;
            known.delete(key);
          }
        }
        const { data } = await client.rest.issues.createComment({
          ...repoParams(repo),
          issue_number: number,
          body,
        });
        known.set(key, { id: data.id, body });
        return "created";
      }),
  };
}
