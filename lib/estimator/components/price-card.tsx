import { Card } from "@/components/ui/card";
import type { Price } from "../pricing";

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

export function PriceCard({ price }: Readonly<{ price: Price }>) {
  return (
    <Card role="region" aria-labelledby="price-heading">
      <h2 id="price-heading" className="text-sm font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
        Price
      </h2>
      {price.kind === "fixed" ? (
        <>
          <p className="mt-2 text-3xl font-semibold tabular-nums">{usd.format(price.totalUsd)}</p>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Fixed price for {price.totalRecords.toLocaleString("en-US")} records.
          </p>
          <table className="mt-4 w-full text-sm">
            <caption className="sr-only">How the price is made up</caption>
            <tbody>
              {price.lines.map((line) => (
                <tr key={line.label} className="border-t border-zinc-200 dark:border-zinc-800">
                  <th scope="row" className="py-1.5 text-left font-normal">
                    {line.label}
                  </th>
                  <td className="py-1.5 text-right tabular-nums">{line.priceUsd === 0 ? "Included" : usd.format(line.priceUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <>
          <p className="mt-2 text-3xl font-semibold">Scoped individually</p>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {price.reason} You have {price.totalRecords.toLocaleString("en-US")} records; we come back with a written
            quote inside 1 business day.
          </p>
        </>
      )}
      <p className="mt-4 text-xs text-zinc-600 dark:text-zinc-400">
        Rule-based pricing — no per-record fees, no manual quotes. Migrations over 2M records are scoped individually.
      </p>
    </Card>
  );
}
