// A `/drover` command in an issue or PR comment: bots are ignored unless the repo config allows them; people
// need write access (GitHub is asked) or get a short refusal. Drover puts 👀 on the comment first, then answers.
import { repoParams } from "../github-client.js";
import type { Act, Delivery } from "../webhooks/handle-delivery.js";
import { mayAct, refusal } from "../webhooks/may-act.js";
import type { CommandContext } from "./command.js";
import { commands } from "./commands.js";
import { helpText } from "./help.js";
import type { ParsedCommand } from "./parse-command.js";

export async function prepareCommand(
  delivery: Delivery<"issue_comment.created">,
  parsed: ParsedCommand,
): Promise<Act | undefined> {
  const { app, github, context, repo, client, eventId } = delivery;
  const { comment, issue } = context.payload;
  const author = comment.user ?? context.payload.sender;
  const loaded = await github.configs.load(repo);
  const verdict = await mayAct(client, repo, loaded.config, author);
  if (verdict === "ignored") return undefined;
  const isPullRequest = Boolean(issue.pull_request);
  const session = isPullRequest
    ? await app.store.findSessionByPr(repo, issue.number)
    : await app.store.findSessionByIssue(repo, String(issue.number));
  const ctx: CommandContext = {
    app,
    github,
    client,
    repo,
    issue,
    isPullRequest,
    by: author.login,
    session,
    loaded,
    deliveryId: context.id,
    eventId,
  };
  return async () => {
    const params = repoParams(repo);
    await client.rest.reactions.createForIssueComment({ ...params, comment_id: comment.id, content: "eyes" });
    let answer: string;
    if (verdict === "refused") answer = refusal(author.login, repo);
    else {
      const command = commands.find((c) => c.name === parsed.name);
      try {
        answer = command
          ? await command.run(ctx, parsed)
          : helpText(commands, loaded.config.labels, parsed.name || undefined);
      } catch (error) {
        context.log.error({ err: error, command: parsed.name }, "a /drover command failed");
        answer = `Drover could not run this command: ${(error as Error).message}`;
      }
    }
    await client.rest.issues.createComment({
      ...params,
      issue_number: issue.number,
      body: [`> ${parsed.line}`, "", answer].join("\n"),
    });
  };
}
