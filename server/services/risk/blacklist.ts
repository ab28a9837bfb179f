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
    `SELECT DISTINCT e.kind::text AS kind
       FROM "RiskListEntry" e
      WHERE (e."merchantId" = $1 OR e."merchantId" IS NULL)
        AND (e."expiresAt" IS NULL OR e."expiresAt" > $2::timestamp)
        AND ((e.kind::text, e.value) IN (SELECT * FROM unnest($3::text[], $4::text[]))
             OR (e.kind = 'ADDRESS_KEYWORD' AND $5::text IS NOT NULL
                 AND strpos($5::text, lower(regexp_replace(normalize(e.value, NFKC), '\\s+', '', 'g'))) > 0))`,
    [facts.merchantId, facts.at, exact.map((p) => p.kind), exact.map((p) => p.value), address],
  );
  const hit = new Set(rows.map((r) => r.kind));
  return kinds.filter((k) => hit.has(k));
}
