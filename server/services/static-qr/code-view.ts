import { loadEnv } from "@/server/env";
import type { StaticQrCode } from "@/server/generated/prisma/client.ts";

/** What the console shows of a code: no internal ids beyond the code, its app and store. */
export type StaticQrCodeView = {
  id: string;
  code: string;
  url: string;
  appId: string;
  appName: string;
  storeId: string | null;
  name: string;
  subject: string;
  amount: bigint | null;
  currency: string;
  enabled: boolean;
  createdAt: Date;
};

/** The URL printed in the code: `${PUBLIC_BASE_URL}/q/<code>`. */
export function staticQrUrl(code: string): string {
  return `${loadEnv().PUBLIC_BASE_URL}/q/${code}`;
}

export function staticQrCodeView(row: StaticQrCode & { app: { name: string } }): StaticQrCodeView {
  return {
    id: row.id,
    code: row.code,
    url: staticQrUrl(row.code),
    appId: row.appId,
    appName: row.app.name,
    storeId: row.storeId,
    name: row.name,
    subject: row.subject,
    amount: row.amount,
    currency: row.currency,
    enabled: row.disabledAt === null,
    createdAt: row.createdAt,
  };
}
