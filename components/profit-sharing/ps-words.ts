"use client";

import { useTranslations } from "next-intl";

const TYPES = ["MERCHANT_ID", "PERSONAL_OPENID", "PERSONAL_SUB_OPENID", "userId", "loginName", "openId"] as const;
const RELATIONS = ["SERVICE_PROVIDER", "STORE", "STAFF", "STORE_OWNER", "PARTNER", "HEADQUARTER", "BRAND", "DISTRIBUTOR", "USER", "SUPPLIER", "CUSTOM"] as const;

/** Receiver types and relations in words (a type no catalogue knows reads "other", never a code name). */
export function useReceiverWords() {
  const t = useTranslations("profitSharing");
  return {
    type: (type: string) => (TYPES.includes(type as (typeof TYPES)[number]) ? t(`receiverTypes.${type as (typeof TYPES)[number]}`) : t("receiverTypes.other")),
    relation: (relationType: string, custom?: string | null) =>
      relationType === "CUSTOM" && custom ? custom : RELATIONS.includes(relationType as (typeof RELATIONS)[number]) ? t(`relations.${relationType as (typeof RELATIONS)[number]}`) : t("relations.CUSTOM"),
    relations: RELATIONS,
  };
}
