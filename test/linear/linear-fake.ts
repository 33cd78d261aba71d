// Linear's GraphQL API faked at the HTTP boundary with nock: each request is matched on its GraphQL operation
// ("mutation updateIssue", "query workflowStates") and recorded, while the real @linear/sdk makes the calls.
import nock from "nock";

export interface GraphqlCall {
  operation: string;
  variables: Record<string, unknown>;
}

/** What a handler answers: a GraphQL `data` object, or a full HTTP reply (status, body, headers). */
export type GraphqlAnswer =
  | { data: Record<string, unknown> }
  | { status: number; body: unknown; headers?: Record<string, string> };

export type GraphqlHandler = (variables: Record<string, unknown>, call: number) => GraphqlAnswer;

export interface TeamStates {
  [teamId: string]: { id: string; name: string; type: string }[];
}

export const engStates: TeamStates = {
  "team-eng": [
    { id: "state-backlog", name: "Backlog", type: "backlog" },
    { id: "state-todo", name: "Todo", type: "unstarted" },
    { id: "state-progress", name: "In Progress", type: "started" },
    { id: "state-review", name: "In Review", type: "started" },
    { id: "state-done", name: "Done", type: "completed" },
    { id: "state-canceled", name: "Canceled", type: "canceled" },
  ],
};

export interface LinearFake {
  calls: GraphqlCall[];
  /** Calls of one operation, in order. */
  of(operation: string): GraphqlCall[];
  /** Replaces (or adds) the handler of an operation. */
  on(operation: string, handler: GraphqlHandler): void;
  stop(): void;
}

export function fakeLinear(states: TeamStates = engStates): LinearFake {
  const calls: GraphqlCall[] = [];
  let comments = 0;
  const handlers = new Map<string, GraphqlHandler>([
    [
      "workflowStates",
      (variables) => {
        const teamId = (variables.filter as { team: { id: { eq: string } } }).team.id.eq;
        const nodes = (states[teamId] ?? []).map((s, position) => ({
          __typename: "WorkflowState",
          ...s,
          position,
          color: "#000000",
          createdAt: "2026-01-01T00:00:00.000Z",
          updatedAt: "2026-01-01T00:00:00.000Z",
          team: { id: teamId },
        }));
        return {
          data: { workflowStates: { __typename: "WorkflowStateConnection", nodes, pageInfo: page() } },
        };
      },
    ],
    [
      "updateIssue",
      (variables) => ({
        data: {
          issueUpdate: {
            __typename: "IssuePayload",
            success: true,
            lastSyncId: 1,
            issue: { id: variables.id },
          },
        },
      }),
    ],
    [
      "createComment",
      () => ({
        data: {
          commentCreate: {
            __typename: "CommentPayload",
            success: true,
            lastSyncId: 1,
            comment: { id: `comment-${++comments}` },
          },
        },
      }),
    ],
    [
      "updateComment",
      (variables) => ({
        data: {
          commentUpdate: {
            __typename: "CommentPayload",
            success: true,
            lastSyncId: 1,
            comment: { id: variables.id },
          },
        },
      }),
    ],
  ]);

  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  const scope = nock("https://api.linear.app")
    .persist()
    .post("/graphql")
    .reply((_uri, body) => {
      const { query, variables = {} } = (typeof body === "string" ? JSON.parse(body) : body) as {
        query: string;
        variables?: Record<string, unknown>;
      };
      const operation = /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? "(anonymous)";
      calls.push({ operation, variables });
      const handler = handlers.get(operation);
      if (!handler) return [400, { errors: [{ message: `the fake has no handler for ${operation}` }] }];
      const answer = handler(variables, calls.filter((c) => c.operation === operation).length);
      if ("data" in answer) return [200, answer];
      return [answer.status, answer.body, answer.headers ?? {}];
    });

  return {
    calls,
    of: (operation) => calls.filter((c) => c.operation === operation),
    on: (operation, handler) => handlers.set(operation, handler),
    stop: () => {
      scope.persist(false);
      nock.cleanAll();
      nock.enableNetConnect();
    },
  };
}

function page() {
  return {
    __typename: "PageInfo",
    hasNextPage: false,
    hasPreviousPage: false,
    startCursor: null,
    endCursor: null,
  };
}
