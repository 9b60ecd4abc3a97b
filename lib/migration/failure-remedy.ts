/**
 * What the admin can do about a failure, read from its reason. The reasons come from our own
 * checks and from Freshsales' messages, so this matches words, not codes; a reason it does not
 * recognise gets the safe advice (look at an example, then retry).
 */
export type Remedy = { kind: "map" | "field" | "owner" | "source" | "retry" | "file"; text: string };

const RULES: { test: RegExp; remedy: Remedy }[] = [
  { test: /unknown (custom )?field|no (such )?field|field .*(does not exist|not found|unknown)|cf_\w+ .*(not|unknown)/i, remedy: { kind: "field", text: "Create the field in Freshsales (Admin settings › Fields) or map it elsewhere, then retry." } },
  { test: /owner|user .*(not found|inactive|deactivated)/i, remedy: { kind: "owner", text: "Map the owner to an active Freshsales user on the Map step, then retry." } },
  { test: /none of its linked records|parent .*(failed|not written)|linked .*not written/i, remedy: { kind: "retry", text: "Fix the records it links to first (above); retrying writes it once they are." } },
  { test: /storage|quota|too large|file size|over the plan/i, remedy: { kind: "file", text: "Free file storage in Freshsales or choose a plan with more, then retry." } },
  { test: /stage|pipeline/i, remedy: { kind: "map", text: "Map the stage to one of the deal's pipeline on the Map step (or create the pipeline in Freshsales), then retry." } },
  { test: /already (been )?(exists|taken|used)|duplicate|unique/i, remedy: { kind: "map", text: "Choose a duplicate policy on the Map step (suffix, first wins, update), then retry." } },
  { test: /timed? ?out|timeout|5\d\d|gateway|unavailable|rate limit|429|reset|gave up after|not reported|unknown outcome|did not finish/i, remedy: { kind: "retry", text: "A passing fault of the connection or of Freshsales: retry." } },
  { test: /invalid|must be|is required|can't be blank|cannot be blank|too long|not a valid|rejected|400/i, remedy: { kind: "source", text: "Fix the value in Visual Practice or its transform on the Map step, then retry." } },
];

export function remedyFor(reason: string): Remedy {
  return RULES.find((r) => r.test.test(reason))?.remedy ?? { kind: "retry", text: "Open an example in the CSV export; if nothing is wrong with it, retry." };
}
