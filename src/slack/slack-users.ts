// Who may press Drover's buttons: Slack user ids mapped to GitHub logins ("U123=maria,U456=omar"). The
// GitHub login is what Drover asks GitHub about, so a button acts with the repo permission its presser has.
export type SlackUsers = ReadonlyMap<string, string>;

const slackUserId = /^[UW][A-Z0-9]{2,}$/;
const githubLogin = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/** The mapping, or the list of problems (each names the entry and says what was expected). */
export function parseSlackUsers(text: string): { users: SlackUsers } | { problems: string[] } {
  const users = new Map<string, string>();
  const problems: string[] = [];
  const entries = text
    .split(/[,\s]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [id, login, ...rest] = entry.split("=");
    if (!id || !login || rest.length > 0) {
      problems.push(`"${entry}" is not <Slack user id>=<GitHub login>, e.g. U0123ABCD=maria`);
    } else if (!slackUserId.test(id)) {
      problems.push(
        `"${id}" is not a Slack user id (they look like U0123ABCD; Slack shows it in the profile)`,
      );
    } else if (!githubLogin.test(login)) {
      problems.push(`"${login}" is not a GitHub login`);
    } else if (users.has(id) && users.get(id) !== login) {
      problems.push(`${id} is mapped twice (to ${users.get(id)} and ${login})`);
    } else {
      users.set(id, login);
    }
  }
  return problems.length > 0 ? { problems } : { users };
}
