// TODO(#18, part A): call invalidateRiskRules() of server/services/risk/load-rules.ts once the risk-engine branch is merged.
/** After an active rule changed: the live check reloads the rules on every node. */
export async function rulesChanged(): Promise<void> {}
