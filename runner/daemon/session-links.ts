// The links file the cost report reads (`<data dir>/links.json`, format owned by src/cost/links.ts): which agent
// session (Claude's session id) worked for which Drover session and issue, and where its transcript is.
import { join } from "node:path";
import { type LinksFile, linksFileSchema } from "../../src/cost/links.js";
import type { Logger } from "../../src/shared/logger.js";
import { readJsonFile, writeJsonAtomic } from "./atomic-file.js";
import type { LocalSession } from "./runner-state.js";

export function linkAgentSession(dataDir: string, session: LocalSession, log: Logger): void {
  if (!session.agentSessionId || !session.issueNumber) return;
  const file = join(dataDir, "links.json");
  try {
    const empty = (): LinksFile => ({ version: 1, links: {} });
    const links: LinksFile = readJsonFile(file, linksFileSchema, empty);
    links.links[session.agentSessionId] = {
      sessionId: session.sessionId,
      repo: session.repo,
      issue: session.issueNumber,
      agent: session.agent === "codex" ? "codex" : "claude",
      ...(session.transcriptPath ? { transcriptPath: session.transcriptPath } : {}),
      linkedAt: new Date().toISOString(),
    };
    writeJsonAtomic(file, links);
  } catch (error) {
    // Cost per issue is a report; a broken links file must not stop the agent.
    log.warn({ file, err: (error as Error).message }, "could not record the agent session for cost reports");
  }
}
