import { describe, expect, it } from "vitest";
import { fileComplaintSchema, refundComplaintSchema, sniffPhotoType } from "./complaint-schema";

const base = { payOrderNo: "P20261205101010123ABCDEFGH", contactPhone: "+86 138-0013-8000", reason: "OTHER", description: "Something went wrong." };

describe("complaint photos", () => {
  it("recognises JPEG, PNG and WebP by their first bytes only", () => {
    expect(sniffPhotoType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffPhotoType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe("image/png");
    expect(sniffPhotoType(new Uint8Array([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50]))).toBe("image/webp");
    // a RIFF that is not WebP (WAV), a GIF, an SVG, a PDF, a truncated PNG header
    expect(sniffPhotoType(new Uint8Array([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45]))).toBeNull();
    expect(sniffPhotoType(new TextEncoder().encode("GIF89a"))).toBeNull();
    expect(sniffPhotoType(new TextEncoder().encode("<svg/>"))).toBeNull();
    expect(sniffPhotoType(new TextEncoder().encode("%PDF-1.7"))).toBeNull();
    expect(sniffPhotoType(new Uint8Array([0x89, 0x50, 0x4e]))).toBeNull();
  });
});

describe("the filing form", () => {
  it("normalises the phone, and turns the yuan asked for into fen", () => {
    expect(fileComplaintSchema.parse({ ...base, requestedAmount: "12.5" })).toMatchObject({ contactPhone: "13800138000", requestedAmount: 1250n });
    expect(fileComplaintSchema.parse({ ...base, requestedAmount: "" }).requestedAmount).toBeUndefined();
    expect(fileComplaintSchema.parse(base).requestedAmount).toBeUndefined();
  });

  it("names the field at fault with a message key the form translates", () => {
    const fault = (over: Record<string, unknown>) => {
      const issue = fileComplaintSchema.safeParse({ ...base, ...over }).error?.issues[0];
      return issue && [issue.path.join("."), issue.message];
    };
    expect(fault({ contactPhone: "12345" })).toEqual(["contactPhone", "phoneInvalid"]);
    expect(fault({ reason: "BORED" })).toEqual(["reason", "reasonInvalid"]);
    expect(fault({ description: "    " })).toEqual(["description", "required"]);
    expect(fault({ description: "abc" })).toEqual(["description", "tooShort"]);
    expect(fault({ description: "bell \u0007 inside" })).toEqual(["description", "invalidChars"]);
    expect(fault({ requestedAmount: "0" })).toEqual(["requestedAmount", "amountPositive"]);
    expect(fault({ requestedAmount: "1e3" })).toEqual(["requestedAmount", "amountFormat"]);
    expect(fault({ payOrderNo: "P1" })).toEqual(["payOrderNo", "orderInvalid"]);
    expect(fileComplaintSchema.safeParse({ ...base, description: "第一行\n第二行" }).success).toBe(true);
  });

  it("takes a refund in yuan with a note", () => {
    expect(refundComplaintSchema.parse({ complaintNo: "C20261205101010123ABCDEFGH", amount: "128.00", note: "ok" }).amount).toBe(12800n);
    expect(refundComplaintSchema.safeParse({ complaintNo: "C1", amount: "1", note: "ok" }).success).toBe(false);
  });
});
