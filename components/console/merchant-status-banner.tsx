import { AlertTriangle, Clock, Info, Ban } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

type Props = { mchNo: string; status: string; reason: string | null; canManage: boolean };

const ICONS = { DRAFT: Info, PENDING_REVIEW: Clock, REJECTED: AlertTriangle, SUSPENDED: Ban } as const;

/** Above every console page of a merchant that is not ACTIVE: where it stands and what to do next. */
export async function MerchantStatusBanner({ mchNo, status, reason, canManage }: Props) {
  if (!(status in ICONS)) return null;
  const key = status as keyof typeof ICONS;
  const Icon = ICONS[key];
  const t = await getTranslations("merchantBanner");
  return (
    <Alert variant={key === "REJECTED" || key === "SUSPENDED" ? "destructive" : "default"} className="mx-auto mb-6 max-w-6xl" data-testid="merchant-banner">
      <Icon />
      <AlertTitle>{t(`${key}.title`)}</AlertTitle>
      <AlertDescription>
        <p>{t(`${key}.body`)}</p>
        {reason && (key === "REJECTED" || key === "SUSPENDED") && (
          <p data-testid="merchant-banner-reason">
            {t("reason")} {reason}
          </p>
        )}
        {canManage && (key === "DRAFT" || key === "REJECTED") && (
          <Link href={`/console/${mchNo}/settings`} className="font-medium underline underline-offset-4">
            {t("openProfile")}
          </Link>
        )}
      </AlertDescription>
    </Alert>
  );
}
