// One notification held back for the info digest, as it is stored until the digest goes out.
import { z } from "zod";

export const digestItemSchema = z.object({
  deliveryId: z.string(),
  sessionId: z.string(),
  at: z.number(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  issueTitle: z.string(),
  issueUrl: z.string(),
  prUrl: z.string().optional(),
  dashboardUrl: z.string().optional(),
});

export type DigestItem = z.output<typeof digestItemSchema>;
