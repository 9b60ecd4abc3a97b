"use client";

import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { ACCOUNT_NAME_POLICIES, ACCOUNT_NAME_POLICY_LABELS, type AccountNamePolicy } from "@/lib/mapping/account-names";
import { DUPLICATE_EMAIL_POLICIES, DUPLICATE_EMAIL_POLICY_LABELS, EXISTING_RECORD_POLICIES, EXISTING_RECORD_POLICY_LABELS, type DuplicateEmailPolicy, type ExistingRecordPolicy } from "@/lib/mapping/record-policies";
import { describeRules } from "@/lib/mapping/routing-rules";
import { saveRoutingAction } from "@/lib/mapping/review/actions";
import type { RoutingDraft } from "@/lib/mapping/review/schemas";
import { ApproveButton } from "./approval-controls";
import { useMapCallbacks } from "./map-query";
import type { SectionProps } from "./map-review";

/** Object routing and the record policies (records that already exist, duplicate emails, shared account names). */
export function RoutingSection({ migrationId, view, canEdit }: SectionProps) {
  const draft = view.drafts.routing!;
  const [value, setValue] = useState<RoutingDraft>(draft.data);
  const [base, setBase] = useState(draft.versionHash);
  if (base !== draft.versionHash) {
    // The stored draft changed (saved here or elsewhere): show it.
    setBase(draft.versionHash);
    setValue(draft.data);
  }
  const save = useAction(saveRoutingAction, useMapCallbacks(migrationId, "Routing saved"));
  const dirty = JSON.stringify(value) !== JSON.stringify(draft.data);
  const rules = value.rules;
  const setRules = (r: RoutingDraft["rules"]) => setValue((v) => ({ ...v, rules: r }));

  return (
    <Card id="routing">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h2 className="text-lg font-semibold">Object routing</h2>
        <ApproveButton migrationId={migrationId} kind="routing" versionHash={draft.versionHash} state={view.approvals.routing} canEdit={canEdit && !dirty} blockers={dirty ? "Save your changes first." : undefined} />
      </div>
      <ul className="mt-3 list-disc space-y-1 pl-5 text-sm" data-testid="routing-rules">
        {describeRules(rules).map((line) => <li key={line}>{line}</li>)}
      </ul>
      <fieldset className="mt-4 grid gap-4 sm:grid-cols-2" disabled={!canEdit}>
        <legend className="sr-only">Routing choices</legend>
        <label className="text-sm">
          <span className="mb-1 block font-medium">A contact without a company becomes</span>
          <select className={inputClass} value={rules.contact.withoutCompany} onChange={(e) => setRules({ ...rules, contact: { ...rules.contact, withoutCompany: e.target.value as RoutingDraft["rules"]["contact"]["withoutCompany"] } })}>
            <option value="contact_lifecycle_lead">a Contact with lifecycle stage Lead</option>
            <option value="leads_module">a Lead in the Leads module (classic accounts)</option>
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">Lifecycle stage for those contacts</span>
          <input className={inputClass} value={rules.contact.leadLifecycleStage} onChange={(e) => setRules({ ...rules, contact: { ...rules.contact, leadLifecycleStage: e.target.value } })} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">Notes become</span>
          <select className={inputClass} value={rules.activity.note.target} onChange={(e) => setRules({ ...rules, activity: { ...rules.activity, note: { ...rules.activity.note, target: e.target.value as "tasks" | "notes" } } })}>
            <option value="tasks">Tasks of type “{rules.activity.note.taskType}”</option>
            <option value="notes">Freshsales notes</option>
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">A deal whose pipeline is not mapped</span>
          <select className={inputClass} value={rules.deal.unmappedPipeline} onChange={(e) => setRules({ ...rules, deal: { ...rules.deal, unmappedPipeline: e.target.value as "default_pipeline" | "fail" } })}>
            <option value="default_pipeline">goes to the default pipeline</option>
            <option value="fail">fails, with the reason</option>
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">A contact already in Freshsales (same email)</span>
          <select className={inputClass} value={value.existingRecords} onChange={(e) => setValue((v) => ({ ...v, existingRecords: e.target.value as ExistingRecordPolicy }))} data-testid="policy-existing-contacts">
            {EXISTING_RECORD_POLICIES.map((p) => <option key={p} value={p}>{EXISTING_RECORD_POLICY_LABELS[p]}</option>)}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">An account already in Freshsales (same name)</span>
          <select className={inputClass} value={value.existingAccounts} onChange={(e) => setValue((v) => ({ ...v, existingAccounts: e.target.value as ExistingRecordPolicy }))} data-testid="policy-existing-accounts">
            {EXISTING_RECORD_POLICIES.map((p) => <option key={p} value={p}>{EXISTING_RECORD_POLICY_LABELS[p]}</option>)}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">Two source contacts with one email</span>
          <select className={inputClass} value={value.duplicateEmails} onChange={(e) => setValue((v) => ({ ...v, duplicateEmails: e.target.value as DuplicateEmailPolicy }))} data-testid="policy-duplicate-emails">
            {DUPLICATE_EMAIL_POLICIES.map((p) => <option key={p} value={p}>{DUPLICATE_EMAIL_POLICY_LABELS[p]}</option>)}
          </select>
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={value.changeExistingOwner} onChange={(e) => setValue((v) => ({ ...v, changeExistingOwner: e.target.checked }))} />
          Updating a record already in Freshsales may change its owner (off: its owner is kept)
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">Source companies sharing a name (Freshsales account names are unique)</span>
          <select className={inputClass} value={value.accountNames} onChange={(e) => setValue((v) => ({ ...v, accountNames: e.target.value as AccountNamePolicy }))}>
            {ACCOUNT_NAME_POLICIES.map((p) => <option key={p} value={p}>{ACCOUNT_NAME_POLICY_LABELS[p]}</option>)}
          </select>
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={rules.company.keepParentHierarchy} onChange={(e) => setRules({ ...rules, company: { ...rules.company, keepParentHierarchy: e.target.checked } })} />
          Keep parent companies as Parent Accounts
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={rules.activity.meeting.includeAttendees} onChange={(e) => setRules({ ...rules, activity: { ...rules.activity, meeting: { ...rules.activity.meeting, includeAttendees: e.target.checked } } })} />
          Meetings keep their attendees
        </label>
      </fieldset>
      {canEdit && (
        <div className="mt-4 flex gap-2">
          <Button onClick={() => save.execute({ migrationId, expectedHash: draft.versionHash, routing: value })} disabled={!dirty || save.isExecuting}>
            {save.isExecuting ? "Saving…" : "Save routing"}
          </Button>
          {dirty && <Button variant="ghost" onClick={() => setValue(draft.data)}>Undo changes</Button>}
        </div>
      )}
    </Card>
  );
}
