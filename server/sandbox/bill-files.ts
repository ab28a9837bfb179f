import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, stat, unlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * Bill files the sandbox cut when a merchant applied for them (WeChat Pay announces the file's hash
 * before it is downloaded): written once, hashed on the way, served from disk by the download, so a
 * day of a million lines is read from the books once, never held in memory. Files older than
 * KEEP_MS are swept on the next cut.
 */

const DIRECTORY = join(tmpdir(), "paycenter-sandbox-bills");
const KEEP_MS = 10 * 60_000;
const FILE_ID = /^[0-9a-f-]{36}$/;

async function sweep(): Promise<void> {
  const names = await readdir(DIRECTORY).catch(() => [] as string[]);
  const now = Date.now();
  for (const name of names) {
    const path = join(DIRECTORY, name);
    const info = await stat(path).catch(() => null);
    if (info && now - info.mtimeMs > KEEP_MS) await unlink(path).catch(() => undefined);
  }
}

/** Writes the bill's bytes to a new file; null when there were none. `owner` must be named again to open it. */
export async function cutBillFile(owner: string, bytes: AsyncIterable<Buffer>): Promise<{ fileId: string; sha1: string } | null> {
  await mkdir(DIRECTORY, { recursive: true, mode: 0o700 });
  await sweep();
  const fileId = randomUUID();
  const path = join(DIRECTORY, `${owner}.${fileId}`);
  const hash = createHash("sha1");
  let size = 0;
  async function* hashed() {
    for await (const chunk of bytes) {
      hash.update(chunk);
      size += chunk.length;
      yield chunk;
    }
  }
  await pipeline(Readable.from(hashed()), createWriteStream(path, { mode: 0o600 }));
  if (size === 0) {
    await unlink(path).catch(() => undefined);
    return null;
  }
  return { fileId, sha1: hash.digest("hex") };
}

/** The file cut for `owner`, or null when it is unknown, swept, or someone else's. */
export async function openBillFile(owner: string, fileId: string): Promise<Readable | null> {
  if (!FILE_ID.test(fileId) || !/^[\w-]+$/.test(owner)) return null;
  const path = join(DIRECTORY, `${owner}.${fileId}`);
  if (!(await stat(path).catch(() => null))) return null;
  return createReadStream(path);
}
