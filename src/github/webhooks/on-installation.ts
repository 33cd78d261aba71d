// installation and installation_repositories: keep the installation ids of repos current, so effects outside a
// webhook act as the right installation without asking GitHub.
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import type { GitHubApp } from "../github-app.js";

type InstallationEvent = EmitterWebhookEvent<"installation" | "installation_repositories">;

export function onInstallation(github: GitHubApp, event: Pick<InstallationEvent, "payload">): void {
  const { payload } = event;
  const id = payload.installation.id;
  const gone = ["deleted", "suspend"].includes(payload.action);
  const added = "repositories_added" in payload ? payload.repositories_added : (payload.repositories ?? []);
  const removed = "repositories_removed" in payload ? payload.repositories_removed : [];
  for (const repo of added) {
    if (gone) github.installations.forget(repo.full_name);
    else github.installations.remember(repo.full_name, id);
  }
  for (const repo of removed) if (repo.full_name) github.installations.forget(repo.full_name);
}
