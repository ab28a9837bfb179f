import { randomUUID } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadEnv } from "@/server/env";

/** Licence files live under UPLOAD_DIR/licences/<merchantId>/<random>.<ext>; names never come from the client. */
function licenceDir(merchantId: string): string {
  if (!/^[0-9a-f-]{36}$/i.test(merchantId)) throw new Error("unexpected merchant id");
  return path.resolve(loadEnv().UPLOAD_DIR, "licences", merchantId);
}

export async function writeLicenceFile(merchantId: string, ext: string, bytes: Uint8Array): Promise<string> {
  const dir = licenceDir(merchantId);
  await mkdir(dir, { recursive: true });
  const storedName = `${randomUUID()}.${ext}`;
  await writeFile(path.join(dir, storedName), bytes, { flag: "wx" });
  return storedName;
}

function filePath(merchantId: string, storedName: string): string {
  if (!/^[0-9a-f-]{36}\.(png|jpg|pdf)$/.test(storedName)) throw new Error("unexpected stored file name");
  return path.join(licenceDir(merchantId), storedName);
}

export function readLicenceFile(merchantId: string, storedName: string): Promise<Buffer> {
  return readFile(filePath(merchantId, storedName));
}

export async function removeLicenceFile(merchantId: string, storedName: string): Promise<void> {
  await rm(filePath(merchantId, storedName), { force: true });
}
