/**
 * Where the trade coordinator may be stopped in the fault tests (docs/adr/0015): each name is a step
 * boundary — after the step before it committed, before the next one begins. A test arms a point; the
 * next pass through it throws, as a process killed there would stop. Outside tests nothing is armed
 * and a pass costs a Set lookup.
 */
export const FAULT_POINTS = [
  "after-freeze",
  "before-confirm",
  "between-confirms",
  "before-finish",
  "before-cancel",
  "between-cancels",
  "after-compensation-refund",
] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

const armed = new Map<FaultPoint, number>();

export class InjectedFault extends Error {
  constructor(point: FaultPoint) {
    super(`injected fault at ${point}`);
    this.name = "InjectedFault";
  }
}

/** Arms a point for the next `times` passes (tests only). */
export function armFault(point: FaultPoint, times = 1): void {
  if (process.env.NODE_ENV === "production") throw new Error("fault injection is for tests");
  armed.set(point, times);
}

export function disarmFaults(): void {
  armed.clear();
}

export function faultPoint(point: FaultPoint): void {
  const left = armed.get(point);
  if (!left) return;
  if (left <= 1) armed.delete(point);
  else armed.set(point, left - 1);
  throw new InjectedFault(point);
}
