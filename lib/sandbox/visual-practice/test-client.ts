import type { VpRecord } from "../generator/json";
import type { VisualPracticeServer } from "./server";

/** Small client for the tests: the sandbox shares no code with the product's connector. */
export async function get(server: VisualPracticeServer, path: string, token: string | null = server.token): Promise<Response> {
  return fetch(`${server.baseUrl}${path}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
}

export interface ListBody {
  data: VpRecord[];
  meta: { page: number; per_page: number; total: number; total_pages: number };
}

/** Every page of a list, following total_pages. */
export async function listAll(server: VisualPracticeServer, collection: string, query = "", perPage = 200): Promise<{ records: VpRecord[]; pages: ListBody[] }> {
  const pages: ListBody[] = [];
  for (let page = 1; ; page++) {
    const res = await get(server, `/${collection}?per_page=${perPage}&page=${page}${query}`);
    if (res.status !== 200) throw new Error(`${collection} page ${page}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as ListBody;
    pages.push(body);
    if (page >= body.meta.total_pages) break;
  }
  return { records: pages.flatMap((p) => p.data), pages };
}

export function expectOrdered(records: VpRecord[]): boolean {
  return records.every((r, i) => {
    const prev = records[i - 1];
    return !prev || prev.updated_at < r.updated_at || (prev.updated_at === r.updated_at && prev.id < r.id);
  });
}
