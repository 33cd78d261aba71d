// The runner's link file in a workspace: how `drover report` (run by the agent, or by a person in the workspace)
// finds its runner's socket and its session.
import { z } from "zod";

export const workspaceLinkFile = ".drover/runner.json";

export const workspaceLinkSchema = z.object({
  sessionId: z.string(),
  socket: z.string(),
  spool: z.string().optional(),
});
export type WorkspaceLink = z.output<typeof workspaceLinkSchema>;
