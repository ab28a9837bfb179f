import QRCode from "qrcode";

/** A QR code of `url` as inline SVG (server component), sized by its container. */
export async function QrSvg({ url, className, label }: { url: string; className?: string; label: string }) {
  const svg = await QRCode.toString(url, { type: "svg", margin: 0, errorCorrectionLevel: "M" });
  return <div role="img" aria-label={label} className={className} data-testid="qr-image" dangerouslySetInnerHTML={{ __html: svg }} />;
}
