// GitHub comments as the core's comment facts: who wrote them (a person or a bot), where (file:line), what.
import type { CommentFact } from "../../core/events.js";
import { type Actor, isBot } from "./may-act.js";

export interface ReviewCommentLike {
  id: number;
  user: Actor | null;
  body: string;
  path?: string;
  line?: number | null;
  original_line?: number | null;
  html_url?: string;
}

export function reviewCommentFact(comment: ReviewCommentLike): CommentFact {
  const author = comment.user ?? { login: "ghost" };
  const line = comment.line ?? comment.original_line ?? undefined;
  return {
    id: `review-comment:${comment.id}`,
    author: author.login,
    isBot: isBot(author),
    body: comment.body,
    ...(comment.path ? { path: comment.path } : {}),
    ...(line ? { line } : {}),
    ...(comment.html_url ? { url: comment.html_url } : {}),
  };
}

export function issueCommentFact(comment: {
  id: number;
  user: Actor | null;
  body: string;
  html_url?: string;
}): CommentFact {
  const author = comment.user ?? { login: "ghost" };
  return {
    id: `issue-comment:${comment.id}`,
    author: author.login,
    isBot: isBot(author),
    body: comment.body,
    ...(comment.html_url ? { url: comment.html_url } : {}),
  };
}
