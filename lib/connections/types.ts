import type { VpCollection } from "@/lib/connectors/visual-practice/records";
import type { ConnectionKind } from "@/lib/generated/prisma/enums";
import type { ConnectionPlan } from "./plans";

/** What "Test connection" found, stored on the connection as `lastTestSummary`. */
export type TestSummary = VisualPracticeFindings | FreshsalesFindings | TestFailure;

export interface VisualPracticeFindings {
  ok: true;
  kind: "VISUAL_PRACTICE";
  mode: "api" | "bundle";
  message: string;
  userCount: number | null;
  totals: Partial<Record<VpCollection, number | null>>;
  /** API only: the source's requests per window, from its headers. */
  rateLimitPerWindow?: number | null;
  /** Bundle only. */
  attachmentFiles?: number;
  attachmentsWithoutFile?: number;
}

export interface FreshsalesFindings {
  ok: true;
  kind: "FRESHSALES";
  message: string;
  ownerCount: number;
  pipelines: { name: string; stages: number; isDefault: boolean }[];
}

export interface TestFailure {
  ok: false;
  message: string;
}

/** A connection as the browser sees it: never the secret, only a hint that one is set. */
export interface ConnectionView {
  id: string;
  kind: ConnectionKind;
  mode: "api" | "bundle";
  baseUrl: string | null;
  plan: ConnectionPlan | null;
  /** A custom hourly API limit above the plan's, or null for the plan's own. */
  callsPerHour: number | null;
  secretHint: string | null;
  bundleName: string | null;
  bundleBytes: number | null;
  lastTestOk: boolean | null;
  lastTestSummary: TestSummary | null;
  lastTestedAt: string | null;
  updatedAt: string;
}

export interface ConnectionsView {
  visualPractice: ConnectionView | null;
  freshsales: ConnectionView | null;
  /** Both exist and their last tests passed. */
  ready: boolean;
}
