import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import yazl from "yazl";
import { VP_COLLECTIONS } from "@/lib/connectors/visual-practice/records";

/** Writes a zip with the given entries (test support: builds bundles the way an export would). */
export async function writeZip(path: string, entries: Record<string, string | Buffer>): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries)) zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content), name);
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
  return path;
}

/** Header-only CSV files for every collection, to be overridden by the ones a test cares about. */
export function emptyCollections(): Record<string, string> {
  return Object.fromEntries(VP_COLLECTIONS.map((c) => [`${c}.csv`, c === "custom-properties" ? "object,key,label\n" : "id,created_at,updated_at\n"]));
}

/** A small valid bundle: 2 users, 1 company, 2 contacts, 1 attachment with its bytes. */
export function smallBundle(): Record<string, string | Buffer> {
  return {
    ...emptyCollections(),
    "users.csv": "id,email,first_name,last_name,active,role,created_at,updated_at\nu_1,ann@example.com,Ann,Lee,true,admin,2024-01-01T00:00:00Z,2024-01-02T00:00:00Z\nu_2,bob@example.com,Bob,Ray,false,,2024-01-01T00:00:00Z,2024-01-02T00:00:00Z\n",
    "companies.csv":
      'id,name,employee_count,address,owner_id,custom_properties,updated_at\nc_1,"Acme, Inc.",12,"{""street"":""1 Main St"",""city"":""Leeds""}",u_1,"{""tier"":""gold"",""visits"":3}",2024-02-01T00:00:00Z\n',
    "contacts.csv": 'id,first_name,last_name,email,company_id,custom_properties\nk_1,Cara,Diaz,cara@example.com,c_1,"{""allergies"":[""nuts""]}"\nk_2,"Multi\nLine",Kim,,,\n',
    "attachments.csv": "id,filename,content_type,size_bytes,parent_type,parent_id,uploaded_by\na_1,scan.pdf,application/pdf,5,contact,k_1,u_1\n",
    "attachments/a_1.pdf": Buffer.from("%PDF-"),
  };
}
