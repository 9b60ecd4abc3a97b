import { VP_COLLECTIONS, type VpCollection } from "@/lib/connectors/visual-practice/records";
import { BundleError } from "./bundle-errors";
import type { ZipEntry } from "./bundle-zip";

export type BundleFormat = "csv" | "jsonl";

export interface CollectionFile {
  collection: VpCollection;
  /** Name as shown to the user (root folder stripped). */
  name: string;
  format: BundleFormat;
  entry: ZipEntry;
}

export interface BundleLayout {
  files: Map<VpCollection, CollectionFile>;
  /** Attachment files by name under `attachments/` (the attachment id, optionally with an extension). */
  attachments: Map<string, ZipEntry>;
}

const EXTENSIONS: Record<string, BundleFormat> = { csv: "csv", jsonl: "jsonl", ndjson: "jsonl" };
/** Operating-system litter that zip tools add on their own; never the customer's data. */
const NOISE = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$|desktop\.ini$)/i;

export const EXPECTED_FILES_HINT = `one CSV or JSON-lines file per collection (${VP_COLLECTIONS.map((c) => `${c}.csv`).join(", ")}) and attachment files under attachments/`;

/**
 * Sorts the archive's entries into collection files and attachments. A bundle zipped from
 * its folder (`export/users.csv`, …) is accepted by stripping that one shared folder.
 */
export function layoutOf(entries: readonly ZipEntry[]): BundleLayout {
  const files = entries.filter((e) => !e.name.endsWith("/") && !NOISE.test(e.name));
  for (const e of files) {
    if (e.name.startsWith("/") || e.name.split("/").some((part) => part === ".." || part === "")) {
      throw new BundleError(`unsafe file name in the bundle`, e.name);
    }
  }
  const root = commonRoot(files.map((e) => e.name));
  const layout: BundleLayout = { files: new Map(), attachments: new Map() };
  for (const entry of files) {
    const name = root ? entry.name.slice(root.length + 1) : entry.name;
    const parts = name.split("/");
    if (parts.length === 2 && parts[0] === "attachments") {
      layout.attachments.set(parts[1] as string, entry);
      continue;
    }
    const match = parts.length === 1 ? /^(.+)\.([a-z]+)$/i.exec(name) : null;
    const collection = match?.[1] as VpCollection | undefined;
    const format = match ? EXTENSIONS[(match[2] as string).toLowerCase()] : undefined;
    if (!collection || !format || !VP_COLLECTIONS.includes(collection)) {
      throw new BundleError(`unknown file in the bundle; expected ${EXPECTED_FILES_HINT}`, name);
    }
    const previous = layout.files.get(collection);
    if (previous) throw new BundleError(`the bundle has both ${previous.name} and ${name}; keep one file per collection`, name);
    layout.files.set(collection, { collection, name, format, entry });
  }
  const missing = VP_COLLECTIONS.filter((c) => !layout.files.has(c));
  if (missing.length > 0) {
    const list = missing.map((c) => `${c}.csv`).join(", ");
    throw new BundleError(`The bundle is missing ${missing.length === 1 ? "the file" : "the files"} ${list} (or .jsonl); every collection needs one, even if it only has a header row`);
  }
  return layout;
}

function commonRoot(names: readonly string[]): string | null {
  const first = names[0]?.split("/")[0];
  if (!first || first === "attachments") return null;
  return names.every((n) => n.startsWith(`${first}/`)) ? first : null;
}
