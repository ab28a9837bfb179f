import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUser } from "@/server/auth/guards";
import { listMemberships } from "@/server/services/merchants/list-memberships";

// /console – opens the first merchant the user belongs to
export default async function ConsoleIndexPage() {
  const user = await requireUser("/console");
  const memberships = await listMemberships(user.id);
  if (memberships[0]) redirect(`/console/${memberships[0].merchant.mchNo}`);
  if (user.platformRole === "ADMIN") redirect("/admin");
  const t = await getTranslations("errors");
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <Card className="max-w-md">
        <CardHeader>
          <CardTitle>{t("noMerchantTitle")}</CardTitle>
          <CardDescription>{t("noMerchantBody")}</CardDescription>
        </CardHeader>
      </Card>
    </main>
  );
}
