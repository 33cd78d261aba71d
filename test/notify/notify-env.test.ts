// The notifier's settings: the webhook needs its URL and secret together, the timeout is a duration, and
// errors name the variable.
import { describe, expect, it } from "vitest";
import { parseNotifyEnv } from "../../src/notify/notify-env.js";

describe("notification settings", () => {
  it("default to no webhook and a 10 s deadline per channel", () => {
    expect(parseNotifyEnv({})).toEqual({ timeoutMs: 10_000 });
    expect(
      parseNotifyEnv({
        DROVER_NOTIFY_WEBHOOK_URL: "https://hooks.example.com/drover",
        DROVER_NOTIFY_WEBHOOK_SECRET: "0123456789abcdef0123",
        DROVER_NOTIFY_TIMEOUT: "2500ms",
      }),
    ).toEqual({
      webhook: { url: "https://hooks.example.com/drover", secret: "0123456789abcdef0123" },
      timeoutMs: 2_500,
    });
  });

  it("name the variable that is missing or wrong", () => {
    expect(() => parseNotifyEnv({ DROVER_NOTIFY_WEBHOOK_URL: "https://hooks.example.com/drover" })).toThrow(
      /DROVER_NOTIFY_WEBHOOK_SECRET: is missing: webhook notifications are always signed/,
    );
    expect(() => parseNotifyEnv({ DROVER_NOTIFY_WEBHOOK_SECRET: "0123456789abcdef0123" })).toThrow(
      /DROVER_NOTIFY_WEBHOOK_URL: is missing/,
    );
    expect(() =>
      parseNotifyEnv({
        DROVER_NOTIFY_WEBHOOK_URL: "ftp://example.com",
        DROVER_NOTIFY_WEBHOOK_SECRET: "0123456789abcdef",
      }),
    ).toThrow(/DROVER_NOTIFY_WEBHOOK_URL: must be an http\(s\) URL/);
    expect(() =>
      parseNotifyEnv({
        DROVER_NOTIFY_WEBHOOK_URL: "https://example.com",
        DROVER_NOTIFY_WEBHOOK_SECRET: "short",
      }),
    ).toThrow(/DROVER_NOTIFY_WEBHOOK_SECRET: must be at least 16 characters/);
    expect(() => parseNotifyEnv({ DROVER_NOTIFY_TIMEOUT: "forever" })).toThrow(
      /DROVER_NOTIFY_TIMEOUT: expected a duration between 100ms and 60s/,
    );
  });
});
