"use client";

import * as React from "react";

import { cn } from "./cn";

/**
 * The frame around every table. A table that fits is left alone; one wider than its frame scrolls inside it and
 * says so: the frame is marked `data-scrollable`, and a fading shadow shows on each edge that has more columns
 * behind it (right at first, left once scrolled). Measured on resize, so a column chosen away updates the cue.
 */
export function TableScrollFrame({ className, children }: { className?: string; children: React.ReactNode }) {
  const ref = React.useRef<HTMLDivElement>(null);
  const [edges, setEdges] = React.useState({ scrollable: false, left: false, right: false });

  React.useEffect(() => {
    const frame = ref.current;
    if (!frame) return;
    const measure = () => {
      const scrollable = frame.scrollWidth > frame.clientWidth + 1;
      const left = scrollable && frame.scrollLeft > 1;
      const right = scrollable && frame.scrollLeft + frame.clientWidth < frame.scrollWidth - 1;
      setEdges((old) => (old.scrollable === scrollable && old.left === left && old.right === right ? old : { scrollable, left, right }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(frame);
    const table = frame.querySelector("table");
    if (table) observer.observe(table);
    frame.addEventListener("scroll", measure, { passive: true });
    return () => {
      observer.disconnect();
      frame.removeEventListener("scroll", measure);
    };
  }, []);

  return (
    <div className={cn("relative w-full", className)} data-slot="table-frame">
      <div
        ref={ref}
        data-slot="table-container"
        data-scrollable={edges.scrollable ? "true" : undefined}
        tabIndex={edges.scrollable ? 0 : undefined}
        className="w-full overflow-x-auto focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring/50"
      >
        {children}
      </div>
      <div
        aria-hidden
        data-slot="scroll-cue"
        data-edge="left"
        data-visible={edges.left ? "true" : undefined}
        className={cn(
          "pointer-events-none absolute inset-y-0 left-0 w-6 bg-gradient-to-r from-foreground/10 to-transparent transition-opacity",
          edges.left ? "opacity-100" : "opacity-0",
        )}
      />
      <div
        aria-hidden
        data-slot="scroll-cue"
        data-edge="right"
        data-visible={edges.right ? "true" : undefined}
        className={cn(
          "pointer-events-none absolute inset-y-0 right-0 w-6 bg-gradient-to-l from-foreground/10 to-transparent transition-opacity",
          edges.right ? "opacity-100" : "opacity-0",
        )}
      />
    </div>
  );
}
