import { describe, expect, it } from "vitest";
import { inNetworks, isPublicAddress, parseIp, parseNetwork } from "./ip-address";

describe("IP address rules of the SSRF guard", () => {
  it("refuses loopback, private, link-local, CGNAT, metadata, multicast, reserved and unspecified IPv4", () => {
    for (const ip of [
      "127.0.0.1", "127.255.255.254", "0.0.0.0", "0.1.2.3", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
      "169.254.169.254", "100.64.0.1", "100.100.100.200", "192.0.0.192", "198.18.0.1", "224.0.0.1", "240.0.0.1", "255.255.255.255",
    ]) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
  });

  it("refuses the IPv6 equivalents, and IPv4 smuggled inside IPv6 in any spelling", () => {
    for (const ip of [
      "::", "::1", "0:0:0:0:0:0:0:1", "fd00::1", "fd00:ec2::254", "fc00::1", "fe80::1", "FE80::1%eth0", "fec0::1", "ff02::1",
      // IPv4-mapped, dotted and hex (URL parsing writes [::ffff:127.0.0.1] as [::ffff:7f00:1])
      "::ffff:127.0.0.1", "::ffff:7f00:1", "0:0:0:0:0:ffff:7f00:1", "::FFFF:A9FE:A9FE", "::ffff:10.0.0.1", "::ffff:0:7f00:1",
      // deprecated IPv4-compatible, NAT64, 6to4, Teredo, discard
      "::127.0.0.1", "::7f00:1", "64:ff9b::127.0.0.1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::1", "2002:7f00:1::1", "2002:a9fe:a9fe::", "2001:0:4136:e378::1", "100::1",
    ]) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
  });

  it("accepts public addresses, also when wrapped in IPv6", () => {
    for (const ip of ["8.8.8.8", "1.1.1.1", "203.0.113.9", "172.32.0.1", "100.128.0.1", "2001:db8::1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"]) {
      expect(isPublicAddress(ip), ip).toBe(true);
    }
  });

  it("is not fooled by what is not a strict IP literal", () => {
    // host names and non-canonical IPv4 spellings never reach the rules as addresses (URL parsing or DNS turns them into one): refused
    for (const text of ["localhost", "2130706433", "0x7f000001", "0177.0.0.1", "127.1", "[::1]", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", ""]) {
      expect(parseIp(text), text).toBeNull();
      expect(isPublicAddress(text), text).toBe(false);
    }
  });

  it("parses the operator's networks and matches mapped addresses to their IPv4 network", () => {
    const networks = ["127.0.0.0/8", "::1/128", "fd00::/8", "192.168.5.7"].map((text) => parseNetwork(text)!);
    expect(networks.every(Boolean)).toBe(true);
    for (const ip of ["127.0.0.1", "127.9.9.9", "::ffff:127.0.0.1", "::1", "fd12:3456::1", "192.168.5.7"]) expect(inNetworks(ip, networks), ip).toBe(true);
    for (const ip of ["128.0.0.1", "::2", "fe80::1", "192.168.5.8", "10.0.0.1", "0.0.0.0"]) expect(inNetworks(ip, networks), ip).toBe(false);
    for (const bad of ["x/8", "10.0.0.0/33", "::/129", "10.0.0.0/8/8", "10.0.0.0/-1", "10.0.0.0/ 8"]) expect(parseNetwork(bad), bad).toBeNull();
  });
});
