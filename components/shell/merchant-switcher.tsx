"use client";

import { Check, ChevronsUpDown, Store } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

type MerchantOption = { mchNo: string; name: string; roleLabel: string };

/** Switches the console to another merchant the user belongs to (the merchant is in the URL). */
export function MerchantSwitcher({ current, options }: { current: MerchantOption; options: MerchantOption[] }) {
  const t = useTranslations("common");
  const router = useRouter();
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" className="w-full justify-between gap-2" data-testid="merchant-switcher">
          <Store className="size-4 shrink-0" />
          <span className="flex-1 truncate text-left">{current.name}</span>
          <ChevronsUpDown className="size-4 opacity-50" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-64">
        <DropdownMenuLabel>{t("switchMerchant")}</DropdownMenuLabel>
        {options.map((option) => (
          <DropdownMenuItem key={option.mchNo} onSelect={() => router.push(`/console/${option.mchNo}`)}>
            <div className="flex flex-1 flex-col">
              <span>{option.name}</span>
              <span className="text-xs text-muted-foreground">
                {option.mchNo} · {option.roleLabel}
              </span>
            </div>
            {option.mchNo === current.mchNo && <Check className="size-4" />}
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
