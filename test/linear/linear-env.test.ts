// Linear's environment: off when unset, defaults for the label and state names, and errors that name the
// variable and say what to write; the integration fills app.ports.linear only when Linear is configured.
import { describe, expect, it } from "vitest";
import { parseLinearEnv } from "../../src/linear/linear-env.js";
import { linearIntegration } from "../../src/linear/linear-integration.js";
import { createTestApp } from "../support/test-app.js";

const base = {
  LINEAR_API_KEY: "lin_api_x",
  LINEAR_WEBHOOK_SECRET: "lin_wh_x",
  DROVER_LINEAR_TEAMS: "ENG=acme/web, ops=acme/infra",
};

describe("Linear environment", () => {
  it("is off when none of its variables is set", () => {
    expect(parseLinearEnv({})).toBeUndefined();
  });

  it("maps teams by key and defaults the label and the state names", () => {
    const settings = parseLinearEnv(base);
    expect(settings).toMatchObject({
      apiKey: "lin_api_x",
      webhookSecret: "lin_wh_x",
      label: "drover",
      assignee: undefined,
      states: { working: "In Progress", review: "In Review", done: "Done" },
    });
    expect([...settings!.teams]).toEqual([
      ["ENG", "acme/web"],
      ["OPS", "acme/infra"],
    ]);
  });

  it("takes the label, the assignee and some state names from the environment", () => {
    const settings = parseLinearEnv({
      ...base,
      DROVER_LINEAR_LABEL: "agent",
      DROVER_LINEAR_ASSIGNEE: "bot@acme.test",
      DROVER_LINEAR_STATES: "review=Code Review",
    });
    expect(settings).toMatchObject({
      label: "agent",
      assignee: "bot@acme.test",
      states: { working: "In Progress", review: "Code Review", done: "Done" },
    });
  });

  it("names what is missing when Linear is half configured", () => {
    expect(() => parseLinearEnv({ LINEAR_API_KEY: "k" })).toThrow(
      /LINEAR_WEBHOOK_SECRET: is missing: Linear needs LINEAR_API_KEY, LINEAR_WEBHOOK_SECRET, DROVER_LINEAR_TEAMS/,
    );
    expect(() => parseLinearEnv({ LINEAR_API_KEY: "k" })).toThrow(/DROVER_LINEAR_TEAMS: is missing/);
  });

  it("names the variable and shows the format when a mapping is wrong", () => {
    expect(() => parseLinearEnv({ ...base, DROVER_LINEAR_TEAMS: "ENG" })).toThrow(
      /DROVER_LINEAR_TEAMS: "ENG" is not NAME=VALUE; write it like "ENG=acme\/web,OPS=acme\/infra"/,
    );
    expect(() => parseLinearEnv({ ...base, DROVER_LINEAR_TEAMS: "ENG=web" })).toThrow(
      /DROVER_LINEAR_TEAMS: team ENG: "web" is not a repo/,
    );
    expect(() => parseLinearEnv({ ...base, DROVER_LINEAR_TEAMS: "ENG=acme/web,eng=acme/api" })).toThrow(
      /DROVER_LINEAR_TEAMS: team eng is mapped twice/,
    );
    expect(() => parseLinearEnv({ ...base, DROVER_LINEAR_STATES: "started=Doing" })).toThrow(
      /DROVER_LINEAR_STATES: unknown stage "started"; use working, review or done/,
    );
  });

  it("connects as an integration only when configured", async () => {
    const off = createTestApp({ name: "lin-int-off" });
    linearIntegration.connect(off.app, {});
    expect(off.app.ports.linear).toBeUndefined();
    await off.close();

    const on = createTestApp({ name: "lin-int-on" });
    linearIntegration.connect(on.app, base);
    expect(on.app.ports.linear).toMatchObject({
      commentOnIssue: expect.any(Function),
      sessionChanged: expect.any(Function),
    });
    await on.close();

    const bad = createTestApp({ name: "lin-int-bad" });
    expect(() => linearIntegration.connect(bad.app, { ...base, DROVER_LINEAR_TEAMS: "" })).toThrow(
      /The Linear environment is invalid:\nDROVER_LINEAR_TEAMS: is missing/,
    );
    await bad.close();
  });
});
