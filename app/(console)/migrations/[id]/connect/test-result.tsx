import { Badge } from "@/components/ui/badge";
import type { ConnectionView, TestSummary } from "@/lib/connections/types";

/** The last test's outcome: what it found, or why it failed, in plain words. */
export function TestResult({ connection }: { connection: ConnectionView }) {
  const summary = connection.lastTestSummary;
  if (!summary || connection.lastTestedAt === null) {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="test-result">
        <Badge>Not tested</Badge> Run a test to prove these settings.
      </p>
    );
  }
  return (
    <div className="space-y-2" data-testid="test-result" data-ok={summary.ok}>
      <p className="text-sm">
        {summary.ok ? <Badge tone="success">Test passed</Badge> : <Badge tone="danger">Test failed</Badge>}{" "}
        {/* UTC text, not the viewer's locale: the server and the browser must render the same string. */}
        <time dateTime={connection.lastTestedAt} className="text-zinc-600 dark:text-zinc-400">
          {connection.lastTestedAt.slice(0, 16).replace("T", " ")} UTC
        </time>
      </p>
      <p className={summary.ok ? "text-sm" : "text-sm text-red-700 dark:text-red-400"}>{summary.message}</p>
      <Details summary={summary} />
    </div>
  );
}

function Details({ summary }: { summary: TestSummary }) {
  if (!summary.ok) return null;
  if (summary.kind === "FRESHSALES") {
    return (
      <div>
        <h4 className="text-sm font-medium">Deal pipelines</h4>
        <ul className="mt-1 list-inside list-disc text-sm text-zinc-700 dark:text-zinc-300">
          {summary.pipelines.map((p) => (
            <li key={p.name}>
              {p.name} ({p.stages} stages){p.isDefault ? ", default" : ""}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <table className="w-full max-w-sm text-sm">
      <caption className="sr-only">Records per collection</caption>
      <thead>
        <tr className="text-left text-zinc-600 dark:text-zinc-400">
          <th scope="col" className="font-medium">Collection</th>
          <th scope="col" className="text-right font-medium">Records</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(summary.totals).map(([collection, total]) => (
          <tr key={collection} className="border-t border-zinc-100 dark:border-zinc-800">
            <td>{collection}</td>
            <td className="text-right tabular-nums">{total === null || total === undefined ? "—" : total.toLocaleString("en-GB")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
