#!/usr/bin/env node
// `npm run lint:commits`: the subject of every commit made after BASE is at most MAX_SUBJECT characters and in the
// imperative ("Add", "Fix", "Move"): it does not end with a period and its first word does not end in "ed" or "ing".
// History up to BASE stays as it was written. A shallow or fresh clone (CI) may not hold BASE: then only HEAD is
// checked. `--subject "text"` checks one subject instead (for a commit-msg hook, or to try the rules).
import { execFileSync } from "node:child_process";

/** The last commit before the rule; commits after it are checked. */
const BASE = "bbdf4fa11cb82409686675b7a43a1c805c33c776";
const MAX_SUBJECT = 72;
/** Verbs in the imperative that end in "ed" or "ing" all the same. */
const IMPERATIVE_EXCEPTIONS = new Set(["bring", "embed", "exceed", "feed", "need", "proceed", "seed", "shed", "speed"]);

/** What is wrong with `subject`, or [] when it follows the rules. */
function subjectProblems(subject) {
  const problems = [];
  if (subject.trim().length === 0) return ["is empty"];
  if (subject.length > MAX_SUBJECT) problems.push(`is ${subject.length} characters long (at most ${MAX_SUBJECT})`);
  if (subject.trimEnd().endsWith(".")) problems.push("ends with a period");
  const first = subject.trim().split(/\s+/)[0].toLowerCase();
  if (/(ed|ing)$/.test(first) && !IMPERATIVE_EXCEPTIONS.has(first))
    problems.push(`starts with "${first}", not a verb in the imperative`);
  return problems;
}

const git = (...args) => execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });

/** True if `commit` is in this clone. */
function present(commit) {
  try {
    git("cat-file", "-e", `${commit}^{commit}`);
    return true;
  } catch {
    return false;
  }
}

/** `[hash, subject]` of every commit to check: those after BASE, or HEAD alone when BASE is not in the clone. */
function commitsToCheck() {
  const range = present(BASE) ? [`${BASE}..HEAD`] : ["-1", "HEAD"];
  return git("log", "--no-merges", "--format=%H%x09%s", ...range)
    .split("\n")
    .filter(Boolean)
    .map((line) => [line.slice(0, line.indexOf("\t")), line.slice(line.indexOf("\t") + 1)]);
}

const flag = process.argv.indexOf("--subject");
const commits = flag >= 0 ? [["(given)", process.argv[flag + 1] ?? ""]] : commitsToCheck();
let failed = 0;
for (const [hash, subject] of commits) {
  const problems = subjectProblems(subject);
  if (problems.length === 0) continue;
  failed++;
  console.error(`${hash.slice(0, 10)} "${subject}" ${problems.join("; ")}`);
}
if (failed > 0) {
  console.error(`${failed} commit subject(s) break the rules: at most ${MAX_SUBJECT} characters, imperative`);
  process.exit(1);
}
console.log(`commit-check: ${commits.length} commit subject(s) checked`);
