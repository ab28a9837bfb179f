import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { open, readdir, stat, unlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { ChannelUnavailableError } from "./errors";

/**
 * A downloaded bill kept in a temporary file while it is checked and read: a bill can hold millions
 * of lines, so it never sits in memory, and its digest is checked before any row is handed out.
 * The rows' reader removes the file when its iteration ends (finished, failed or abandoned with
 * `return`); a download whose rows are never iterated (or a process killed mid-way) leaves its file
 * behind, and the next spool removes such files once they are a day old.
 */
export type SpooledBill = {
  path: string;
  /** The file's bytes, gunzipped when they are gzip (WeChat Pay's tar_type=GZIP). */
  open(): Promise<Readable>;
  remove(): Promise<void>;
};

const PREFIX = "paycenter-bill-";
const STALE_AFTER_MS = 24 * 3_600_000;

async function removeStale(): Promise<void> {
  const names = await readdir(tmpdir()).catch(() => [] as string[]);
  for (const name of names.filter((entry) => entry.startsWith(PREFIX))) {
    const path = join(tmpdir(), name);
    const info = await stat(path).catch(() => null);
    if (info && Date.now() - info.mtimeMs > STALE_AFTER_MS) await unlink(path).catch(() => undefined);
  }
}

export async function spoolBill(download: Readable, channel: string): Promise<SpooledBill> {
  await removeStale();
  const path = join(tmpdir(), `${PREFIX}${channel}-${randomUUID()}`);
  const remove = () => unlink(path).catch(() => undefined);
  try {
    await pipeline(download, createWriteStream(path, { mode: 0o600 }));
  } catch (error) {
    await remove();
    throw new ChannelUnavailableError(`the ${channel} bill download was interrupted: ${(error as Error).message}`, "BILL_DOWNLOAD_INTERRUPTED", { cause: error });
  }
  return {
    path,
    remove,
    async open() {
      const gzip = await isGzip(path);
      const raw = createReadStream(path);
      if (!gzip) return raw;
      const gunzip = createGunzip();
      raw.on("error", (error) => gunzip.destroy(error));
      return raw.pipe(gunzip);
    },
  };
}

/** Gzip's magic number 1f 8b: what the file is, whatever was asked for. */
async function isGzip(path: string): Promise<boolean> {
  const file = await open(path, "r");
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await file.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await file.close();
  }
}
