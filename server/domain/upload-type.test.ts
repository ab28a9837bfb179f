import { describe, expect, it } from "vitest";
import { sniffLicenceType } from "./upload-type";

describe("licence file type by magic bytes", () => {
  it("recognises PNG, JPEG and PDF", () => {
    expect(sniffLicenceType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))?.mime).toBe("image/png");
    expect(sniffLicenceType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))?.ext).toBe("jpg");
    expect(sniffLicenceType(new TextEncoder().encode("%PDF-1.7\n"))?.mime).toBe("application/pdf");
  });

  it("refuses anything else, whatever its name says", () => {
    expect(sniffLicenceType(new TextEncoder().encode("<svg onload=alert(1)>"))).toBeNull();
    expect(sniffLicenceType(new TextEncoder().encode("GIF89a"))).toBeNull();
    expect(sniffLicenceType(Uint8Array.from([0x89, 0x50, 0x4e]))).toBeNull(); // truncated PNG signature
    expect(sniffLicenceType(new Uint8Array())).toBeNull();
  });
});
