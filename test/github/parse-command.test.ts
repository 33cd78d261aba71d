// Reading `/drover` commands out of comments.
import { describe, expect, it } from "vitest";
import { parseCommand, parseOptions } from "../../src/github/commands/parse-command.js";

describe("parseCommand", () => {
  it("takes the first /drover line, its arguments, and for messages the lines after it", () => {
    expect(parseCommand("Thanks!\n/drover spawn agent=codex\nmore")).toEqual({
      name: "spawn",
      args: "agent=codex",
      text: "agent=codex\nmore",
      line: "/drover spawn agent=codex",
    });
    expect(parseCommand("/drover send first line\nsecond line")?.text).toBe("first line\nsecond line");
    expect(parseCommand("  /drover STATUS")?.name).toBe("status");
    expect(parseCommand("/drover")).toMatchObject({ name: "", args: "" });
  });

  it("ignores quotes, mentions in a sentence and look-alikes", () => {
    expect(parseCommand("> /drover kill")).toBeUndefined();
    expect(parseCommand("please run /drover kill")).toBeUndefined();
    expect(parseCommand("/droverkill")).toBeUndefined();
    expect(parseCommand("")).toBeUndefined();
  });
});

describe("parseOptions", () => {
  it("splits key=value words from the rest", () => {
    expect(parseOptions("agent=codex model=o3 now")).toEqual({
      options: { agent: "codex", model: "o3" },
      unknown: ["now"],
    });
  });
});
