// What Drover has already done on a session's Linear issue (the stage it moved it to, the comments it wrote),
// kept in the store as receipts so an effect carried out twice (a retry, a redelivery) never repeats itself.
import { z } from "zod";
import type { Store } from "../store/store.js";
import { linearStages } from "./linear-env.js";

const receiptSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("link"), issueId: z.string().min(1), teamId: z.string().min(1) }),
  z.object({ kind: z.literal("stage"), stage: z.enum(linearStages) }),
  z.object({ kind: z.literal("pr-comment"), number: z.number(), commentId: z.string() }),
  z.object({ kind: z.literal("end-comment"), commentId: z.string(), text: z.string() }),
]);
export type LinearReceipt = z.output<typeof receiptSchema>;

export interface LinearMemory {
  link?: { issueId: string; teamId: string };
  /** The stage Drover last moved the issue to; a human may have moved it since, which Drover respects. */
  stage?: (typeof linearStages)[number];
  prComments: Set<number>;
  endComment?: { commentId: string; text: string };
}

/** Sessions can live for weeks; the receipts outlast them (each write renews the whole list). */
const receiptTtlMs = 400 * 86_400_000;

const key = (sessionId: string) => `linear:session:${sessionId}`;

export async function readLinearMemory(store: Store, sessionId: string): Promise<LinearMemory> {
  const memory: LinearMemory = { prComments: new Set() };
  for (const text of await store.readList(key(sessionId))) {
    const parsed = receiptSchema.safeParse(safeJson(text));
    if (!parsed.success) continue; // written by a newer version: not ours to interpret
    const receipt = parsed.data;
    if (receipt.kind === "link") memory.link = { issueId: receipt.issueId, teamId: receipt.teamId };
    if (receipt.kind === "stage") memory.stage = receipt.stage;
    if (receipt.kind === "pr-comment") memory.prComments.add(receipt.number);
    if (receipt.kind === "end-comment")
      memory.endComment = { commentId: receipt.commentId, text: receipt.text };
  }
  return memory;
}

export async function rememberLinear(store: Store, sessionId: string, receipt: LinearReceipt): Promise<void> {
  await store.appendToList(key(sessionId), [JSON.stringify(receipt)], receiptTtlMs);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
