import { getTranslations } from "next-intl/server";
import { ApiReference } from "@/components/developers/api-reference";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";

const DOCUMENT_URL = "/api/v1/openapi.json";

// /console/[mchNo]/developers/api-reference – the Open API reference (the public OpenAPI document, rendered locally)
export default async function ApiReferencePage() {
  const t = await getTranslations("apiReference");
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button variant="outline" size="sm" asChild>
            <a href={DOCUMENT_URL} download="paycenter-openapi.json" data-testid="download-openapi">
              {t("download")}
            </a>
          </Button>
        }
      />
      <p className="text-xs text-muted-foreground">{t("languageNote")}</p>
      <ApiReference documentUrl={DOCUMENT_URL} />
    </div>
  );
}
