"use client";

import { Languages } from "lucide-react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { setLocale } from "@/server/i18n/actions";

/** One tap to the other language (zh-CN ⇄ English); the choice is remembered in a cookie. */
export function LanguageToggle() {
  const locale = useLocale();
  const t = useTranslations("locale");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const other = locale === "en" ? "zh-CN" : "en";
  return (
    <button
      type="button"
      lang={other}
      disabled={pending}
      className="inline-flex min-h-9 items-center gap-1.5 rounded-md px-2 hover:text-foreground disabled:opacity-50"
      onClick={() =>
        startTransition(async () => {
          await setLocale(other);
          router.refresh();
        })
      }
    >
      <Languages className="size-3.5" aria-hidden="true" />
      {t(other)}
    </button>
  );
}
