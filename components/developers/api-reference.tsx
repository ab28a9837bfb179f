"use client";

import dynamic from "next/dynamic";
import "@scalar/api-reference-react/style.css";

/**
 * The Open API reference, rendered by Scalar from /api/v1/openapi.json. Scalar is bundled with the app
 * (no CDN): its default web fonts, telemetry, agent and developer tools are off, so the page works offline.
 * Client-only: Scalar renders in the browser.
 */
const ApiReferenceReact = dynamic(() => import("@scalar/api-reference-react").then((m) => m.ApiReferenceReact), {
  ssr: false,
  loading: () => <div className="h-96 animate-pulse rounded-md bg-muted" />,
});

export function ApiReference({ documentUrl }: { documentUrl: string }) {
  return (
    <div className="paycenter-api-reference overflow-hidden rounded-md border bg-background" data-testid="api-reference">
      <ApiReferenceReact
        configuration={{
          url: documentUrl,
          withDefaultFonts: false,
          telemetry: false,
          showDeveloperTools: "never",
          agent: { disabled: true },
          hideDarkModeToggle: true,
          forceDarkModeState: "light",
          documentDownloadType: "json",
          defaultOpenAllTags: false,
        }}
      />
    </div>
  );
}
