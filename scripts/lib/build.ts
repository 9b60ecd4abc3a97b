import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Builds the app unless `.next` already holds a build of this commit with no local
 * changes since (the stamp is HEAD plus a hash of `git status`), so a fresh clone builds
 * once and a developer's edited tree is rebuilt.
 */
export function buildIfNeeded(root: string): void {
  const git = (args: string[]) => spawnSync("git", args, { cwd: root, encoding: "utf8" }).stdout?.trim() ?? "";
  const stamp = `${git(["rev-parse", "HEAD"])}\n${git(["status", "--porcelain", "--untracked-files=no"])}`;
  const stampFile = path.join(root, ".next", "source-stamp");
  const built = existsSync(path.join(root, ".next", "BUILD_ID"));
  if (built && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) return;
  console.log("Building the app…");
  const result = spawnSync("npx", ["next", "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed");
  writeFileSync(stampFile, stamp);
}
