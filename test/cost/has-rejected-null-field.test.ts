// The raw-text null rule: which `"field":null` make ccusage skip a line, wherever they are written.
import { describe, expect, it } from "vitest";
import { hasRejectedNullField } from "../../src/cost/has-rejected-null-field.js";

describe("hasRejectedNullField", () => {
  it.each([
    '{"message":{"model":null,"usage":{"input_tokens":1}}}',
    '{"costUSD":null,"message":{"usage":{}}}',
    '{"toolUseResult":{"id":null},"message":{"usage":{}}}',
    '{"message":{"usage":{"cache_read_input_tokens":null}}}',
    '{"cwd":null}',
  ])("rejects %s", (line) => expect(hasRejectedNullField(line)).toBe(true));

  it.each([
    '{"message":{"content":null,"usage":{"input_tokens":1}}}',
    '{"stop_sequence":null,"message":{"usage":{}}}',
    '{"message":{"model": null,"usage":{}}}', // spaced: not the raw `:null` ccusage looks for
    '{"message":{"model":"m","usage":{"input_tokens":2,"iterations":[{"type":"message","model":null}]}}}',
    '{"usage" : { "iterations" : [ {"model":null} ] }}',
  ])("accepts %s", (line) => expect(hasRejectedNullField(line)).toBe(false));

  it("exempts a null model only inside usage.iterations", () => {
    expect(
      hasRejectedNullField('{"x":{"iterations":[{"model":null}]},"message":{"usage":{"input_tokens":1}}}'),
    ).toBe(true);
    expect(hasRejectedNullField('{"message":{"usage":{"server":{"iterations":[{"model":null}]}}}}')).toBe(
      true,
    );
    expect(
      hasRejectedNullField(
        '{"message":{"model":"m","usage":{"iterations":[{"model":null,"cache_read_input_tokens":null}]}}}',
      ),
    ).toBe(true);
  });
});
