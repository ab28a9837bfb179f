import { getTranslations } from "next-intl/server";
import { knownMessage } from "@/server/i18n/known-message";

type Fields = Partial<Record<"legalName" | "creditCode" | "contactName" | "contactPhone" | "contactEmail" | "businessCategory" | "bankName" | "bankAccountName", string>>;

/** A merchant's submitted profile, read-only, for the operator's review. */
export async function ProfileDetails({ fields, bankAccountMasked }: { fields: Fields; bankAccountMasked: string | null }) {
  const t = await getTranslations("profile");
  const rows: [string, string | undefined, boolean?][] = [
    [t("fields.legalName"), fields.legalName],
    [t("fields.creditCode"), fields.creditCode, true],
    [t("fields.businessCategory"), fields.businessCategory && knownMessage(t, `categories.${fields.businessCategory}`, fields.businessCategory)],
    [t("fields.contactName"), fields.contactName],
    [t("fields.contactPhone"), fields.contactPhone, true],
    [t("fields.contactEmail"), fields.contactEmail],
    [t("fields.bankName"), fields.bankName],
    [t("fields.bankAccountName"), fields.bankAccountName],
    [t("fields.bankAccountNumber"), bankAccountMasked ?? undefined, true],
  ];
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]" data-testid="profile-details">
      {rows.map(([label, value, mono]) => (
        <div key={label} className="contents">
          <dt className="text-muted-foreground">{label}</dt>
          <dd className={mono ? "font-mono" : undefined}>{value || "—"}</dd>
        </div>
      ))}
    </dl>
  );
}
