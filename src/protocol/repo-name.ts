// How a repository is named everywhere in the protocol: `owner/name`, as on GitHub.
import { z } from "zod";

export const repoNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'expected "owner/name", e.g. "acme/web"');
