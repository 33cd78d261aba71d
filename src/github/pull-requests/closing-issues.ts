// The issues a pull request says it closes ("Closes #42", "fixes acme/web#42", "Resolves <issue URL>"), with
// GitHub's closing keywords, limited to issues of the PR's own repo.

const keyword = "(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)";
const reference = String.raw`(?:([\w.-]+\/[\w.-]+)?#(\d+)|https?:\/\/[^\s/]+\/([\w.-]+\/[\w.-]+)\/issues\/(\d+))`;
const pattern = new RegExp(String.raw`\b${keyword}:?\s+${reference}`, "gi");

export function closingIssueNumbers(body: string | null | undefined, repo: string): number[] {
  if (!body) return [];
  const numbers: number[] = [];
  for (const match of body.matchAll(pattern)) {
    const [, shortRepo, shortNumber, urlRepo, urlNumber] = match;
    const target = shortRepo ?? urlRepo;
    if (target && target.toLowerCase() !== repo.toLowerCase()) continue;
    const number = Number(shortNumber ?? urlNumber);
    if (Number.isSafeInteger(number) && !numbers.includes(number)) numbers.push(number);
  }
  return numbers;
}
