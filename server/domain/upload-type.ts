/** Licence uploads: what we accept, recognised by the file's first bytes, never by its name or claimed type. */
export const LICENCE_MAX_BYTES = 5 * 1024 * 1024;

export type LicenceType = { mime: "image/png" | "image/jpeg" | "application/pdf"; ext: "png" | "jpg" | "pdf" };

const SIGNATURES: { bytes: number[]; type: LicenceType }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], type: { mime: "image/png", ext: "png" } },
  { bytes: [0xff, 0xd8, 0xff], type: { mime: "image/jpeg", ext: "jpg" } },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], type: { mime: "application/pdf", ext: "pdf" } },
];

export function sniffLicenceType(head: Uint8Array): LicenceType | null {
  const found = SIGNATURES.find((s) => s.bytes.length <= head.length && s.bytes.every((b, i) => head[i] === b));
  return found?.type ?? null;
}
