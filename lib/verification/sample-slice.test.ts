import { describe, expect, it } from "vitest";
import { pickSlice, sliceSize, type SliceGraph } from "./sample-slice";

function graph(companies: number): SliceGraph {
  const ids = Array.from({ length: companies }, (_, i) => `co_${i}`);
  return {
    companies: ids,
    parents: new Map(ids.map((id, i) => [id, i % 3 === 2 ? `co_${i - 1}` : null])),
    contacts: ids.flatMap((c, i) => [0, 1, 2].map((k) => ({ id: `ct_${i}_${k}`, company: c }))),
    deals: ids.map((c, i) => ({ id: `d_${i}`, company: c, products: [`p_${i % 2}`] })),
    activities: ids.flatMap((_, i) => [{ id: `a_${i}`, contact: `ct_${i}_0`, company: null, deal: null }, { id: `b_${i}`, contact: null, company: null, deal: `d_${i}` }]),
    attachments: ids.map((_, i) => ({ id: `f_${i}`, parentType: "deal", parentId: `d_${i}` })),
  };
}

describe("choosing the sample slice", () => {
  it("reaches exactly the requested size when the source has enough", () => {
    for (const size of [100, 137, 250]) expect(sliceSize(pickSlice(graph(200), size))).toBe(size);
  });

  it("keeps every record with what it points at: parents, companies, products, linked records", () => {
    const g = graph(50);
    const s = pickSlice(g, 120);
    const companies = new Set(s.companies);
    for (const c of s.companies) {
      const parent = g.parents.get(c);
      if (parent) expect(companies.has(parent), c).toBe(true);
    }
    for (const id of s.contacts) expect(companies.has(g.contacts.find((c) => c.id === id)!.company!)).toBe(true);
    for (const id of s.deals) {
      const d = g.deals.find((x) => x.id === id)!;
      expect(companies.has(d.company!)).toBe(true);
      for (const p of d.products) expect(s.products).toContain(p);
    }
    const linked = new Set([...s.contacts, ...s.deals]);
    for (const id of s.activities) {
      const a = g.activities.find((x) => x.id === id)!;
      expect(linked.has(a.contact ?? a.deal ?? "")).toBe(true);
    }
    for (const id of s.attachments) expect(linked.has(g.attachments.find((x) => x.id === id)!.parentId)).toBe(true);
  });

  it("takes everything there is when the source is smaller than asked", () => {
    const s = pickSlice(graph(3), 500);
    expect(s.companies).toHaveLength(3);
    expect(s.contacts).toHaveLength(9);
    expect(sliceSize(s)).toBe(3 + 9 + 2 + 3 + 6 + 3);
  });
});
