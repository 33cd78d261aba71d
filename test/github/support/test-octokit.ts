// Probot's Octokit without retries and throttling: a test must not wait about a second per write, nor retry
// what the fake GitHub answered on purpose.
import { ProbotOctokit } from "probot";

export const TestOctokit = ProbotOctokit.defaults((options: { throttle?: object }) => ({
  ...options,
  retry: { enabled: false },
  throttle: { ...options.throttle, enabled: false },
}));
