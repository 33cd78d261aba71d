// The Slack settings: off when unset, complete when on, and every problem named by its variable.
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/config/format-issues.js";
import { parseSlackEnv } from "../../src/slack/slack-env.js";
import { parseSlackUsers } from "../../src/slack/slack-users.js";
import { slackEnv } from "../notify/support/notify-app.js";

function failure(env: Record<string, string>): string {
  try {
    parseSlackEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as Error).message;
  }
  throw new Error("expected the Slack settings to be refused");
}

describe("Slack settings", () => {
  it("leave Slack off when none is set, and read a complete set", () => {
    expect(parseSlackEnv({})).toBeUndefined();
    expect(parseSlackEnv({ SLACK_CHANNEL: "C0DROVER1" })).toBeUndefined();
    const config = parseSlackEnv(slackEnv);
    expect(config).toMatchObject({ botToken: slackEnv.SLACK_BOT_TOKEN, channel: "C0DROVER1" });
    expect([...(config?.users ?? [])]).toEqual([
      ["U0MARIA1", "maria"],
      ["U0OMAR22", "omar"],
    ]);
  });

  it("name the variable that is missing or wrong", () => {
    expect(failure({ SLACK_BOT_TOKEN: "xoxb-1" })).toMatch(/SLACK_SIGNING_SECRET: is missing/);
    expect(failure({ SLACK_BOT_TOKEN: "xoxb-1" })).toMatch(/SLACK_CHANNEL: is missing/);
    expect(failure({ ...slackEnv, SLACK_BOT_TOKEN: "xoxp-user-token" })).toMatch(
      /SLACK_BOT_TOKEN: must be a bot token/,
    );
    expect(failure({ ...slackEnv, SLACK_CHANNEL: "#drover" })).toMatch(/SLACK_CHANNEL: must be a channel id/);
    expect(failure({ ...slackEnv, SLACK_SIGNING_SECRET: "short" })).toMatch(
      /SLACK_SIGNING_SECRET: must be the signing secret/,
    );
    const users = failure({ ...slackEnv, DROVER_SLACK_USERS: "U0MARIA1=maria,maria,u123=omar,U0ABC=-bad-" });
    expect(users).toContain('DROVER_SLACK_USERS: "maria" is not <Slack user id>=<GitHub login>');
    expect(users).toContain('DROVER_SLACK_USERS: "u123" is not a Slack user id');
    expect(users).toContain('DROVER_SLACK_USERS: "-bad-" is not a GitHub login');
    // Nothing secret is repeated back.
    expect(failure({ ...slackEnv, SLACK_CHANNEL: "x" })).not.toContain(slackEnv.SLACK_SIGNING_SECRET);
  });

  it("map each Slack user to one login", () => {
    expect(parseSlackUsers("U0A1=maria U0B2=omar\n")).toEqual({
      users: new Map([
        ["U0A1", "maria"],
        ["U0B2", "omar"],
      ]),
    });
    expect(parseSlackUsers("U0A1=maria,U0A1=omar")).toEqual({
      problems: ["U0A1 is mapped twice (to maria and omar)"],
    });
    expect(parseSlackUsers("")).toEqual({ users: new Map() });
  });
});
