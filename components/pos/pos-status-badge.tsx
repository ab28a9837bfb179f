"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { PosStatus } from "@/server/domain/pos-schema";

const VARIANT = { waiting: "warning", paid: "success", failed: "destructive", cancelled: "secondary" } as const satisfies Record<PosStatus, string>;

export function PosStatusBadge({ status }: { status: PosStatus }) {
  const t = useTranslations("pos.status");
  return <Badge variant={VARIANT[status]}>{t(status)}</Badge>;
}
