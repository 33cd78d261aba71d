// The fast path for common usage lines never accepts a line the zod schema rejects, and reads the same fields.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { claudeDirectLineSchema, claudeProgressLineSchema } from "../../src/cost/claude-line-schema.js";
import { quickDirectLine, quickProgressLine } from "../../src/cost/quick-direct-line.js";

/** Values of every JSON type, valid and invalid for each field, including the edge numbers. */
const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(0, 1, 7, -1, 1.5, 2 ** 53, Number.MAX_SAFE_INTEGER, 1e21),
  fc.string({ maxLength: 5 }),
  fc.constantFrom("standard", "fast", "2025-06-01T10:00:00Z"),
  fc.constant([]),
  fc.constant({}),
);
/** Mostly valid values, sometimes anything: so that both verdicts occur often. */
const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: anyValue, weight: 1 });
const count = mostly(fc.nat());
const text = fc.string({ maxLength: 8 });
const usage = fc.record(
  {
    input_tokens: count,
    output_tokens: count,
    cache_creation_input_tokens: count,
    cache_read_input_tokens: count,
    speed: mostly(fc.constantFrom("standard", "fast", null)),
    cache_creation: mostly(
      fc.oneof(
        fc.constant(null),
        fc.record(
          { ephemeral_5m_input_tokens: count, ephemeral_1h_input_tokens: count },
          { requiredKeys: [] },
        ),
      ),
    ),
    iterations: anyValue,
  },
  { requiredKeys: [] },
);
const line = fc.record(
  {
    timestamp: mostly(fc.constant("2025-06-01T10:00:00Z")),
    message: mostly(
      fc.record(
        { usage: mostly(usage), model: mostly(text), id: mostly(text), content: anyValue },
        { requiredKeys: ["usage"] },
      ),
    ),
    version: mostly(fc.oneof(text, fc.constant(null))),
    sessionId: mostly(fc.oneof(text, fc.constant(null))),
    costUSD: mostly(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null))),
    requestId: mostly(fc.oneof(text, fc.constant(null))),
    isSidechain: mostly(fc.oneof(fc.boolean(), fc.constant(null))),
    isApiErrorMessage: anyValue,
    extra: anyValue,
  },
  { requiredKeys: ["timestamp", "message"] },
);
// JSON has no undefined: drop such keys like JSON.parse(JSON.stringify(...)) would.
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value ?? null));

describe("quickDirectLine", () => {
  it("accepts only lines zod accepts, with the same fields", () => {
    let accepted = 0;
    fc.assert(
      fc.property(line, (raw) => {
        const value = asJson(raw);
        const quick = quickDirectLine(value);
        const zod = claudeDirectLineSchema.safeParse(value);
        if (quick) {
          accepted++;
          expect(zod.success).toBe(true);
          const data = zod.data!;
          expect(quick.timestamp).toBe(data.timestamp);
          expect(quick.message.usage).toMatchObject(data.message.usage);
          expect([
            quick.message.model,
            quick.message.id,
            quick.requestId,
            quick.sessionId,
            quick.version,
            quick.costUSD,
            quick.isSidechain,
          ]).toEqual([
            data.message.model,
            data.message.id,
            data.requestId,
            data.sessionId,
            data.version,
            data.costUSD,
            data.isSidechain,
          ]);
        }
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(30); // the property is not vacuous
  });

  it("accepts only progress lines zod accepts", () => {
    let accepted = 0;
    const progress = fc.record(
      {
        sessionId: mostly(fc.oneof(text, fc.constant(null))),
        data: mostly(fc.record({ message: mostly(line) }, { requiredKeys: [] })),
        extra: anyValue,
      },
      { requiredKeys: ["data"] },
    );
    fc.assert(
      fc.property(progress, (raw) => {
        const value = asJson(raw);
        if (quickProgressLine(value)) {
          accepted++;
          expect(claudeProgressLineSchema.safeParse(value).success).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(30);
  });

  it("recognises what Claude Code writes", () => {
    const real = {
      type: "assistant",
      timestamp: "2025-06-01T10:00:00.000Z",
      sessionId: "s",
      version: "2.0.14",
      requestId: "req_1",
      isSidechain: false,
      message: {
        id: "msg_1",
        model: "claude-sonnet-4-5-20250929",
        content: [],
        stop_sequence: null,
        usage: {
          input_tokens: 1,
          output_tokens: 2,
          cache_creation_input_tokens: 3,
          cache_read_input_tokens: 4,
          cache_creation: { ephemeral_5m_input_tokens: 3, ephemeral_1h_input_tokens: 0 },
          service_tier: "standard",
        },
      },
    };
    expect(quickDirectLine(real)).toBe(real);
  });
});
