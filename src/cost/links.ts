// The links file: which agent session (Claude/Codex session id) worked for which Drover session and issue.
//
// The runner writes it when it starts an agent (Claude's SessionStart hook gives the id); `drover cost
// issue` reads it to add agent logs up per issue. Format (docs/cost.md):
//   { "version": 1, "links": { "<agent session id>": { "sessionId": "…", "repo": "owner/name", "issue": 12 } } }
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { formatIssues } from "../config/format-issues.js";
import { CostFileError } from "./errors.js";
import { defaultLinksPath } from "./links-path.js";

export { defaultLinksPath, runnerDataDir } from "./links-path.js";

export const sessionLinkSchema = z.strictObject({
  /** The Drover session the agent ran for. */
  sessionId: z.string().min(1),
  /** `owner/name` of the repository the issue lives in. */
  repo: z.string().regex(/^[^/\s]+\/[^/\s]+$/, "expected owner/name"),
  /** The issue (or pull request) number. */
  issue: z.int().positive(),
  agent: z.enum(["claude", "codex"]).optional(),
  /** Where the agent's transcript is, when the runner knows it (live cost tails this file). */
  transcriptPath: z.string().optional(),
  linkedAt: z.iso.datetime({ offset: true }).optional(),
});
export type SessionLink = z.infer<typeof sessionLinkSchema>;

export const linksFileSchema = z.strictObject({
  version: z.literal(1),
  links: z.record(z.string().min(1), sessionLinkSchema),
});
export type LinksFile = z.infer<typeof linksFileSchema>;

export interface LoadedLinks {
  path: string;
  /** False when the file does not exist yet (the runner has linked nothing). */
  exists: boolean;
  links: Map<string, SessionLink>;
}

/** Reads and validates the links file; a missing file means no links, a broken one is an error. */
export async function readLinks(path: string = defaultLinksPath()): Promise<LoadedLinks> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { path, exists: false, links: new Map() };
    throw new CostFileError(path, `cannot be read (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CostFileError(path, `is not JSON (${(error as Error).message}); fix or delete it`);
  }
  const result = linksFileSchema.safeParse(json);
  if (!result.success) {
    throw new CostFileError(
      path,
      `is not a Drover links file:\n${formatIssues(result.error)}\nfix or delete it`,
    );
  }
  return { path, exists: true, links: new Map(Object.entries(result.data.links)) };
}
