import { changedFields } from "@/server/domain/redact";

type Snapshot = Record<string, unknown> | null;

function show(value: unknown): string {
  if (value === undefined || value === null) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The fields an audit entry changed: before → after (secrets arrive already redacted). */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const b = (before as Snapshot) ?? null;
  const a = (after as Snapshot) ?? null;
  const fields = changedFields(b, a);
  if (fields.length === 0) return <span className="text-muted-foreground">—</span>;
  return (
    <dl className="grid min-w-56 max-w-sm grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs whitespace-normal">
      {fields.map((field) => (
        <div key={field} className="contents">
          <dt className="font-mono text-muted-foreground">{field}</dt>
          <dd className="break-all">
            {b && field in b && <span className="text-destructive line-through">{show(b[field])}</span>}
            {b && field in b && a && field in a && " → "}
            {a && field in a && <span className="text-success">{show(a[field])}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
