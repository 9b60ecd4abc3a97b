import { Card } from "@/components/ui/card";
import { WIRE_FIELD_TYPE, type PreflightResult } from "@/lib/mapping/review/preflight-checks";
import { DUPLICATE_EMAIL_POLICY_LABELS, EXISTING_RECORD_POLICY_LABELS } from "@/lib/mapping/record-policies";

const ENTITY_LABEL: Record<string, string> = { contacts: "Contacts", sales_accounts: "Accounts", deals: "Deals", leads: "Leads" };

/** What the Freshsales admin must create, in the order they would do it, plus the checks' other findings. */
export function ToCreateList({ result }: { result: PreflightResult }) {
  const t = result.toCreate;
  const nothing = t.fields.length + t.choices.length + t.pipelines.length + t.stages.length + t.users.length === 0;
  return (
    <>
      {!nothing && (
        <Card data-testid="to-create">
          <h2 className="text-lg font-semibold">For the Freshsales admin to create</h2>
          {t.fields.length > 0 && (
            <section className="mt-4" aria-labelledby="create-fields">
              <h3 id="create-fields" className="font-medium">Custom fields ({t.fields.length})</h3>
              <div className="mt-2 overflow-x-auto">
                <table className="w-full text-sm">
                  <thead>
                    <tr className="text-left text-xs uppercase text-zinc-600 dark:text-zinc-400">
                      <th className="py-1 pr-2">Module</th>
                      <th className="py-1 pr-2">Label</th>
                      <th className="py-1 pr-2">API name</th>
                      <th className="py-1 pr-2">Type</th>
                      <th className="py-1">Choices</th>
                    </tr>
                  </thead>
                  <tbody>
                    {t.fields.map((f) => (
                      <tr key={`${f.entity}.${f.name}`} className="border-t border-zinc-100 align-top dark:border-zinc-800" data-field={f.name}>
                        <td className="py-1 pr-2">{ENTITY_LABEL[f.entity] ?? f.entity}</td>
                        <td className="py-1 pr-2">{f.label}</td>
                        <td className="py-1 pr-2 font-mono text-xs">{f.name}</td>
                        <td className="py-1 pr-2">{f.type} <span className="text-xs text-zinc-600 dark:text-zinc-400">({WIRE_FIELD_TYPE[f.type]})</span>{f.unique && <span className="ml-1 font-medium">· Unique</span>}</td>
                        <td className="py-1 text-xs">{f.choices?.join(", ")}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
          {t.choices.length > 0 && (
            <section className="mt-4" aria-labelledby="create-choices">
              <h3 id="create-choices" className="font-medium">Dropdown choices to add</h3>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
                {t.choices.map((c) => <li key={`${c.entity}.${c.field}`}>{ENTITY_LABEL[c.entity] ?? c.entity} · {c.label} (<span className="font-mono text-xs">{c.field}</span>): {c.values.join(", ")}</li>)}
              </ul>
            </section>
          )}
          {(t.pipelines.length > 0 || t.stages.length > 0) && (
            <section className="mt-4" aria-labelledby="create-pipelines">
              <h3 id="create-pipelines" className="font-medium">Pipelines and stages</h3>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
                {t.pipelines.map((p) => <li key={p.name}>Pipeline “{p.name}” with stages {p.stages.map((s) => `“${s}”`).join(", ")}</li>)}
                {t.stages.map((s) => <li key={`${s.pipeline}/${s.stage}`}>Stage “{s.stage}” in pipeline “{s.pipeline}”</li>)}
              </ul>
            </section>
          )}
          {t.users.length > 0 && (
            <section className="mt-4" aria-labelledby="create-users">
              <h3 id="create-users" className="font-medium">Users</h3>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
                {t.users.map((u) => <li key={u.email}>{u.name} ({u.email}): {u.reason}</li>)}
              </ul>
            </section>
          )}
        </Card>
      )}
      {result.problems.length > 0 && (
        <Card>
          <h2 className="text-lg font-semibold">To fix in the map</h2>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">{result.problems.map((p) => <li key={p}>{p}</li>)}</ul>
        </Card>
      )}
      <Card>
        <h2 className="text-lg font-semibold">Records and policies</h2>
        <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="font-medium">Source contacts sharing an email</dt>
            <dd data-testid="duplicate-emails">
              {result.duplicates.groups} emails, {result.duplicates.extraContacts} extra contacts; policy: {DUPLICATE_EMAIL_POLICY_LABELS[result.duplicates.policy]}
              {result.duplicates.examples.length > 0 && <span className="block text-xs text-zinc-600 dark:text-zinc-400">e.g. {result.duplicates.examples.map((e) => `${e.email} (${e.contactIds.join(", ")})`).join("; ")}</span>}
            </dd>
          </div>
          <div>
            <dt className="font-medium">Already in Freshsales</dt>
            <dd data-testid="existing-records">
              {result.existing.contacts.matching} contacts (same email; policy: {EXISTING_RECORD_POLICY_LABELS[result.existing.policy]}), {result.existing.accounts.matching} accounts (same name; policy: {EXISTING_RECORD_POLICY_LABELS[result.existing.accountsPolicy ?? "update"]}) of {result.existing.scanned.contacts + result.existing.scanned.accounts} scanned
            </dd>
          </div>
          <div>
            <dt className="font-medium">Checked</dt>
            <dd>{result.counts.fieldsChecked} fields, {result.counts.pipelinesChecked} pipelines, {result.counts.stagesChecked} stages, {result.counts.ownersChecked} owners</dd>
          </div>
        </dl>
        {result.warnings.length > 0 && <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-amber-800 dark:text-amber-300">{result.warnings.map((w) => <li key={w}>{w}</li>)}</ul>}
      </Card>
    </>
  );
}
