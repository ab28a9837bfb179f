import { listValues } from "@/server/domain/risk-facts";
import type { RiskFacts } from "@/server/domain/risk";
import type { RiskListKind } from "@/server/domain/risk-rule-schema";
import { sql } from "@/server/sql";

/**
 * The blacklist kinds among `kinds` that the facts hit: the merchant's entries and the platform's, not expired.
 * Exact values for ids, phones and IPs (stored normalised, risk-facts.ts normaliseListValue); an ADDRESS_KEYWORD hits
 * when it is part of the folded address. One statement on the (kind, value) index plus the (few) keywords.
 */
export async function blacklistedKinds(facts: RiskFacts, kinds: readonly RiskListKind[]): Promise<RiskListKind[]> {
  const exact = listValues(facts).filter((p) => kinds.includes(p.kind));
  const address = kinds.includes("ADDRESS_KEYWORD") && facts.address ? facts.address.text : null;
  if (exact.length === 0 && !address) return [];
  const { rows } = await sql<{ kind: RiskListKind }>(
    // two index lookups, not one OR (which no index serves): exact values by (kind, value), then the keywords by kind
    `SELECT e.kind::text AS kind
       FROM unnest($3::text[], $4::text[]) AS v(kind, value)
       JOIN "RiskListEntry" e ON e.kind = v.kind::"RiskListKind" AND e.value = v.value
      WHERE (e."merchantId" = $1 OR e."merchantId" IS NULL)
        AND (e."expiresAt" IS NULL OR e."expiresAt" > $2::timestamp)
     UNION
     SELECT 'ADDRESS_KEYWORD'
       FROM "RiskListEntry" e
      WHERE $5::text IS NOT NULL AND e.kind = 'ADDRESS_KEYWORD'
        AND (e."merchantId" = $1 OR e."merchantId" IS NULL)
        AND (e."expiresAt" IS NULL OR e."expiresAt" > $2::timestamp)
        AND strpos($5::text, lower(regexp_replace(normalize(e.value, NFKC), '\\s+', '', 'g'))) > 0`,
    [facts.merchantId, facts.at, exact.map((p) => p.kind), exact.map((p) => p.value), address],
  );
  const hit = new Set(rows.map((r) => r.kind));
  return kinds.filter((k) => hit.has(k));
}
