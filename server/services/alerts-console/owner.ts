/**
 * Whose alerting a console call reads or changes: a merchant's (its id) or the platform's (null, operators).
 * Every query below puts it in its `where`, so a rule, target or incident of another owner is never found.
 */
export type AlertOwner = string | null;
