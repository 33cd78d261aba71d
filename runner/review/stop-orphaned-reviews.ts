// Review convoys a runner left when it died (its agents may still run in tmux, spending): stopped and cleared
// away — agents, tmux server, worktree, ref — before the next review starts. The job itself went back to the
// app's queue when its lease ran out, so nothing of these is reported; a user's own convoys are left alone.
import { existsSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { ownerAlive } from "../../src/convoy/convoy-owner.js";
import type { ConvoyStore } from "../../src/convoy/convoy-store.js";
import { createAgentLauncher } from "../../src/convoy/create-agent-launcher.js";
import { stopConvoy } from "../../src/convoy/stop-convoy.js";
import type { Logger } from "../../src/shared/logger.js";
import { createConvoyTmuxRuntime } from "../convoy/tmux-agent-runtime.js";
import { git } from "../workspaces/git.js";
import { removeReviewWorktree } from "./check-out-pull-request.js";

export const reviewsDir = (dataDir: string) => join(dataDir, "reviews");
export const reviewRef = (convoyId: string) => `refs/drover/reviews/${convoyId}`;

export async function stopOrphanedReviews(store: ConvoyStore, dataDir: string, log: Logger): Promise<void> {
  const reviews = resolve(reviewsDir(dataDir)) + sep;
  const { convoys } = await store.list();
  const orphans = convoys.filter(
    (c) => c.status === "running" && resolve(c.cwd).startsWith(reviews) && !ownerAlive(c),
  );
  if (orphans.length === 0) return;
  const launcher = createAgentLauncher(createConvoyTmuxRuntime());
  for (const orphan of orphans) {
    try {
      await stopConvoy(orphan, { store, launcher, waitMs: 0 });
      if (existsSync(orphan.cwd)) {
        // The worktree knows the checkout it was made from.
        const common = (
          await git(orphan.cwd, ["rev-parse", "--path-format=absolute", "--git-common-dir"])
        ).trim();
        await removeReviewWorktree(resolve(common, ".."), orphan.cwd, reviewRef(orphan.id));
      }
      log.info({ convoyId: orphan.id }, "stopped a review convoy left by an earlier run of this runner");
    } catch (error) {
      log.warn({ convoyId: orphan.id, err: (error as Error).message }, "could not clear away an old review");
    }
  }
}
