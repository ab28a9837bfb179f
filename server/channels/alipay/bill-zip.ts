import type { Readable } from "node:stream";
import iconv from "iconv-lite";
import yauzl from "yauzl";
import { BillFormatError } from "../errors";

/**
 * The entries of a bill zip by name. Alipay writes its entry names in GBK without the zip's UTF-8
 * flag (FIELD-NOTES A3), so names are decoded here: UTF-8 when the flag says so, GBK otherwise.
 */
export type ZipEntries = {
  names(): string[];
  /** An entry's bytes whole, refused past `limit` (a summary is small; a detail is streamed). */
  read(name: string, limit: number): Promise<Buffer>;
  stream(name: string): Promise<Readable>;
  close(): void;
};

const UTF8_FLAG = 0x800;

function entryName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  return (entry.generalPurposeBitFlag & UTF8_FLAG) !== 0 ? raw.toString("utf8") : iconv.decode(raw, "gbk");
}

export async function openZipEntries(path: string): Promise<ZipEntries> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true, decodeStrings: false, autoClose: false });
  const entries = new Map<string, yauzl.Entry>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on("entry", (entry: yauzl.Entry) => {
        entries.set(entryName(entry), entry);
        zip.readEntry();
      });
      zip.once("end", () => resolve());
      zip.once("error", reject);
      zip.readEntry();
    });
  } catch (error) {
    zip.close();
    throw error;
  }
  const entry = (name: string) => {
    const found = entries.get(name);
    if (!found) throw new BillFormatError(`the zip has no ${name}`, "BILL_TRUNCATED");
    return found;
  };
  return {
    names: () => [...entries.keys()],
    async read(name, limit) {
      const found = entry(name);
      if (found.uncompressedSize > limit) throw new BillFormatError(`${name} is ${found.uncompressedSize} bytes, more than ${limit}`, "BILL_BAD_LINE");
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(found)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    stream: (name) => zip.openReadStreamPromise(entry(name)),
    close: () => zip.close(),
  };
}
