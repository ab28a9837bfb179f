import { describe, expect, it } from "vitest";
import { isGraphileShutdownRejection } from "./benign-rejection";

describe("isGraphileShutdownRejection", () => {
  it("knows graphile-worker's shutdown rejections when PostgreSQL is gone, and nothing else", () => {
    expect(isGraphileShutdownRejection(new Error("Error occurred whilst returning jobs from local queue to database queue: connect ECONNREFUSED 127.0.0.1:5432"))).toBe(true);
    expect(isGraphileShutdownRejection(new Error("Cannot background something when the queue is already released"))).toBe(true);
    expect(isGraphileShutdownRejection(new Error("connect ECONNREFUSED 127.0.0.1:5432"))).toBe(false);
    expect(isGraphileShutdownRejection(new TypeError("x is undefined"))).toBe(false);
    expect(isGraphileShutdownRejection(undefined)).toBe(false);
  });
});
