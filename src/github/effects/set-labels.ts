// The set_labels effect: the PR's state label (drover:working, drover:ci-failed, …). State labels live on the
// PR; before there is one the issue already carries the label that started the session.
import type { Session } from "../../core/session.js";
import type { GitHubApp } from "../github-app.js";
import { httpStatus, repoParams } from "../github-client.js";

export async function setLabels(github: GitHubApp, session: Session, add: string[], remove: string[]) {
  const pr = session.pr?.number;
  if (pr === undefined) return;
  const client = await github.installations.clientFor(session.repo);
  const params = { ...repoParams(session.repo), issue_number: pr };
  const { data } = await client.rest.issues.listLabelsOnIssue({ ...params, per_page: 100 });
  const present = new Set(data.map((label) => label.name));
  const missing = add.filter((name) => !present.has(name));
  if (missing.length > 0) await client.rest.issues.addLabels({ ...params, labels: missing });
  for (const name of remove.filter((label) => present.has(label) && !add.includes(label))) {
    try {
      await client.rest.issues.removeLabel({ ...params, name });
    } catch (error) {
      if (httpStatus(error) !== 404) throw error; // someone removed it meanwhile
    }
  }
}
