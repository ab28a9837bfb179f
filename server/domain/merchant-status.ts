/**
 * Whether a merchant in this status may take payments with an app of this mode. ACTIVE: any app.
 * Under onboarding (draft, under review, or correcting a rejected profile): TEST apps only, in the
 * sandbox. SUSPENDED: nothing. The Open API (authenticate) and the cashier both decide with this.
 */
export function merchantMayTransact(merchantStatus: string, appMode: string): boolean {
  if (merchantStatus === "ACTIVE") return true;
  const onboarding = merchantStatus === "DRAFT" || merchantStatus === "PENDING_REVIEW" || merchantStatus === "REJECTED";
  return onboarding && appMode === "TEST";
}
