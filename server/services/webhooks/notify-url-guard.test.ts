import { describe, expect, it } from "vitest";
import { checkNotifyUrl, isPublicAddress } from "./notify-url-guard";

describe("notify URL guard", () => {
  it("tells public from private addresses", () => {
    for (const ip of ["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "0.0.0.0"]) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
    for (const ip of ["8.8.8.8", "203.0.113.9", "2001:db8::1"]) expect(isPublicAddress(ip), ip).toBe(true);
  });

  it("allows only public http(s) targets for LIVE apps, and local ones for TEST apps", async () => {
    expect(await checkNotifyUrl("ftp://x.example/", "TEST")).toMatch(/http/);
    expect(await checkNotifyUrl("http://127.0.0.1:9/hook", "TEST")).toBeNull();
    expect(await checkNotifyUrl("http://127.0.0.1:9/hook", "LIVE")).toMatch(/private or loopback/);
    expect(await checkNotifyUrl("http://[::1]/hook", "LIVE")).toMatch(/private or loopback/);
    expect(await checkNotifyUrl("http://localhost/hook", "LIVE")).toMatch(/private or loopback/);
    expect(await checkNotifyUrl("https://8.8.8.8/hook", "LIVE")).toBeNull();
  });
});
