"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

type Controls = { stop: () => void };

/**
 * Reads a payment code (barcode or QR) with the device's camera (@zxing/browser, loaded when opened); the first
 * code read is handed over and the camera stops. A browser without a camera, or a page not served over https,
 * says so and the clerk uses the scanner or types the code.
 */
export function CameraScanner({ onCode, onClose }: { onCode: (code: string) => void; onClose: () => void }) {
  const t = useTranslations("pos.scan");
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  const handed = useRef(false);

  useEffect(() => {
    let controls: Controls | null = null;
    let cancelled = false;
    (async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw new Error("no camera");
        const { BrowserMultiFormatReader } = await import("@zxing/browser");
        const reader = new BrowserMultiFormatReader();
        const started = await reader.decodeFromConstraints({ video: { facingMode: "environment" } }, video.current ?? undefined, (result, _error, own) => {
          if (!result || handed.current) return;
          handed.current = true;
          own.stop();
          onCode(result.getText());
        });
        if (cancelled) started.stop();
        else controls = started;
      } catch {
        if (!cancelled) setFailed(true);
      }
    })();
    return () => {
      cancelled = true;
      controls?.stop();
    };
  }, [onCode]);

  return (
    <div className="flex flex-col gap-2" data-testid="pos-camera">
      {failed ? (
        <p className="text-sm text-destructive">{t("cameraUnavailable")}</p>
      ) : (
        <video ref={video} className="aspect-video w-full rounded-md bg-black object-cover" muted playsInline />
      )}
      <Button type="button" variant="outline" onClick={onClose}>
        {t("cameraStop")}
      </Button>
    </div>
  );
}
