// The few Linear calls Drover makes, through the real SDK, each behind the rate-limit wrapper. The SDK is large,
// so it is loaded on the first call: functions that never talk to Linear do not pay for it.
import type { LinearClient } from "@linear/sdk";
import { defaultRateLimitOptions, type RateLimitOptions, withRateLimit } from "./with-rate-limit.js";

/** Where a Linear issue lives: its id and its team's id (issue keys change when an issue moves team). */
export interface LinearIssueLink {
  issueId: string;
  teamId: string;
}

export interface WorkflowStateInfo {
  id: string;
  name: string;
  /** "triage", "backlog", "unstarted", "started", "completed", "canceled". */
  type: string;
}

export interface LinearApi {
  teamStates(teamId: string): Promise<WorkflowStateInfo[]>;
  moveIssue(issueId: string, stateId: string): Promise<void>;
  /** Returns the new comment's id. */
  createComment(issueId: string, body: string): Promise<string>;
  updateComment(commentId: string, body: string): Promise<void>;
  /** Looks an issue up by its key ("ENG-12"). */
  findIssue(key: string): Promise<LinearIssueLink>;
}

export interface LinearApiOptions {
  apiKey: string;
  /** Linear's GraphQL endpoint; the SDK's default (https://api.linear.app/graphql) when unset. */
  apiUrl?: string;
  rateLimit?: RateLimitOptions;
}

/** Linear answered but did not do it (success: false, or an empty result). */
export class LinearRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LinearRequestError";
  }
}

export function createLinearApi(options: LinearApiOptions): LinearApi {
  let client: Promise<LinearClient> | undefined;
  const sdk = () => {
    client ??= import("@linear/sdk").then(
      ({ LinearClient }) =>
        new LinearClient({ apiKey: options.apiKey, ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}) }),
    );
    return client;
  };
  const limits = options.rateLimit ?? defaultRateLimitOptions;
  const call = <T>(what: string, fn: (linear: LinearClient) => Promise<T>) =>
    withRateLimit(what, async () => fn(await sdk()), limits);

  return {
    async teamStates(teamId) {
      const states: WorkflowStateInfo[] = [];
      let after: string | undefined;
      // A team has a handful of states; the loop only guards against a team with an unusual number of them.
      for (let page = 0; page < 10; page++) {
        const connection = await call("list the team's workflow states", (linear) =>
          linear.workflowStates({
            filter: { team: { id: { eq: teamId } } },
            first: 100,
            ...(after ? { after } : {}),
          }),
        );
        states.push(...connection.nodes.map((s) => ({ id: s.id, name: s.name, type: s.type })));
        if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) break;
        after = connection.pageInfo.endCursor;
      }
      return states;
    },
    async moveIssue(issueId, stateId) {
      const payload = await call("move the issue", (linear) => linear.updateIssue(issueId, { stateId }));
      if (!payload.success)
        throw new LinearRequestError(`Linear did not move issue ${issueId} to state ${stateId}.`);
    },
    async createComment(issueId, body) {
      const payload = await call("comment on the issue", (linear) => linear.createComment({ issueId, body }));
      if (!payload.success || !payload.commentId)
        throw new LinearRequestError(`Linear did not create the comment on issue ${issueId}.`);
      return payload.commentId;
    },
    async updateComment(commentId, body) {
      const payload = await call("edit Drover's comment", (linear) =>
        linear.updateComment(commentId, { body }),
      );
      if (!payload.success) throw new LinearRequestError(`Linear did not update comment ${commentId}.`);
    },
    async findIssue(key) {
      // Only the two ids: the SDK's issue() asks for every field, which costs rate-limit complexity for nothing.
      const result = await call("look the issue up", (linear) =>
        linear.client.rawRequest<{ issue?: { id?: string; team?: { id?: string } } }, { id: string }>(
          "query issueLink($id: String!) { issue(id: $id) { id team { id } } }",
          { id: key },
        ),
      );
      const issue = result.data?.issue;
      if (!issue?.id || !issue.team?.id)
        throw new LinearRequestError(
          `Linear has no issue ${key}, or its team is not visible to the API key.`,
        );
      return { issueId: issue.id, teamId: issue.team.id };
    },
  };
}
