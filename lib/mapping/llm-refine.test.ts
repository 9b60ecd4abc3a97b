import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESTINATION } from "@/test/fixtures/mapping/destination-schema";
import { makeProfile } from "@/test/fixtures/mapping/make-profile";
import { llmConfigFromEnv, refineWithLlm } from "./llm-refine";
import { proposeFieldMap } from "./propose-field-map";

/** A fake OpenAI-compatible endpoint: replies with whatever the current test queued. */
let reply: (body: { model: string; messages: { content: string }[] }) => { status: number; content: string } = () => ({ status: 500, content: "" });
const seen: { auth?: string; body?: { model: string; messages: { content: string }[] } }[] = [];
let server: Server;
let baseUrl = "";

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      const body = JSON.parse(raw) as { model: string; messages: { content: string }[] };
      seen.push({ auth: req.headers.authorization, body });
      const r = reply(body);
      res.writeHead(r.status, { "content-type": "application/json" });
      res.end(JSON.stringify({ choices: [{ message: { role: "assistant", content: r.content } }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const profiles = [
  makeProfile("deal", "custom_properties.odds_pct", "number", { label: "Odds %" }),
  makeProfile("deal", "custom_properties.hist_dx", "text", { label: "Dx history", sensitive: "diagnosis", values: ["J45.909 asthma"] }),
  makeProfile("deal", "name", "text"),
];
const { mappings } = proposeFieldMap(profiles, DESTINATION);
const config = () => ({ baseUrl, apiKey: "test-key", model: "tiny" });
const answer = (answers: unknown[]) => ({ status: 200, content: JSON.stringify({ answers }) });
const WIN = "deal.custom_properties.odds_pct->deals";
const DX = "deal.custom_properties.hist_dx->deals";

describe("refineWithLlm", () => {
  it("is off unless configured", async () => {
    expect(llmConfigFromEnv({})).toBeNull();
    expect(llmConfigFromEnv({ MAPPING_LLM_BASE_URL: "http://x", MAPPING_LLM_API_KEY: "k", MAPPING_LLM_MODEL: "m" })).toEqual({ baseUrl: "http://x", apiKey: "k", model: "m" });
    const r = await refineWithLlm(mappings, profiles, DESTINATION, null);
    expect(r.mappings).toBe(mappings);
  });

  it("adjusts a low-confidence proposal from a valid answer, capped below rule confidence, and sends no sensitive values", async () => {
    reply = () => answer([{ id: WIN, action: "map", field: "probability", confidence: 0.97, reason: "odds are the deal probability" }]);
    const r = await refineWithLlm(mappings, profiles, DESTINATION, config());
    const win = r.mappings.find((m) => m.id === WIN);
    expect(win).toMatchObject({ decision: { kind: "field", field: "probability" }, confidence: 0.85, proposedBy: "llm" });
    expect(win?.reason).toMatch(/^model: odds are the deal probability \(rules proposed: create cf_odds_pct/);
    expect(r.adjusted).toEqual([WIN]);
    const last = seen.at(-1);
    expect(last?.auth).toBe("Bearer test-key");
    expect(last?.body?.model).toBe("tiny");
    const prompt = last?.body?.messages[1]?.content ?? "";
    expect(prompt).toContain("odds_pct");
    // The engine's evidence and candidates travel with the question.
    expect(prompt).toContain("98% of values are numbers");
    expect(prompt).toContain('"candidates":[{"field":"probability"');
    expect(prompt).toContain("hist_dx");
    expect(prompt).not.toContain("J45.909");
    expect(prompt).not.toContain('"path":"name"');
  });

  it("ignores answers that name unknown fields or fields the engine did not find, fields it was not asked about, or break the schema", async () => {
    reply = () => answer([
      { id: WIN, action: "map", field: "cf_made_up", confidence: 0.9, reason: "x" },
      { id: WIN, action: "map", field: "deal_type_id", confidence: 0.9, reason: "x" },
      { id: "deal.name->deals", action: "do_not_migrate", confidence: 0.9, reason: "x" },
      { id: DX, action: "map", confidence: "high", reason: "x" },
    ]);
    const r = await refineWithLlm(mappings, profiles, DESTINATION, config());
    expect(r.adjusted).toEqual([]);
    expect(r.mappings).toEqual(mappings);
    expect(r.ignored.map((i) => i.why)).toEqual([
      'no deals field named "cf_made_up"',
      "deal_type_id is not among the engine's candidates",
      "not a field the model was asked about",
      "answer does not match the schema",
    ]);
  });

  it("asks in batches and sends each entity's candidate fields once per batch", async () => {
    const many = Array.from({ length: 45 }, (_, i) => makeProfile("contact", `custom_properties.zq_${i}`, "text"));
    const proposal = proposeFieldMap(many, DESTINATION).mappings;
    reply = () => answer([]);
    const before = seen.length;
    await refineWithLlm(proposal, many, DESTINATION, config());
    expect(seen.length - before).toBe(2);
    const first = JSON.parse(seen[before]?.body?.messages[1]?.content ?? "{}") as { fields: unknown[]; destinationFields: Record<string, unknown[]> };
    expect(first.fields).toHaveLength(40);
    expect(Object.keys(first.destinationFields)).toEqual(["contacts"]);
  });

  it("leaves the map unchanged when the endpoint fails or answers garbage", async () => {
    reply = () => ({ status: 500, content: "" });
    expect((await refineWithLlm(mappings, profiles, DESTINATION, config())).mappings).toEqual(mappings);
    reply = () => ({ status: 200, content: "not json at all" });
    const r = await refineWithLlm(mappings, profiles, DESTINATION, config());
    expect(r.mappings).toEqual(mappings);
    expect(r.ignored.length).toBeGreaterThan(0);
  });
});
