// The runner protocol's version. Every request carries it, so an app and a runner that no longer understand
// each other say so plainly instead of misreading each other's messages.
import { z } from "zod";

export const protocolVersion = 1;

export const protocolSchema = z.literal(protocolVersion, {
  error: (issue) =>
    issue.input === undefined
      ? `is missing: send "protocol": ${protocolVersion}`
      : `this app speaks runner protocol ${protocolVersion}, the runner sent ${JSON.stringify(issue.input)}; ` +
        "upgrade the older of the two so they match",
});
