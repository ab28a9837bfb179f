import { COMPLAINT_PHOTO_MAX_COUNT, COMPLAINT_REQUEST_MAX_BYTES } from "@/server/domain/complaint-schema";
import { AppError } from "@/server/errors";
import { errorResponse } from "@/server/http/error-envelope";
import { requestIdFrom } from "@/server/observability/request-context";
import { fileComplaint } from "@/server/services/complaints/file-complaint";
import { readCappedBody } from "@/server/streams/read-capped-body";

const TEXT_FIELDS = ["payOrderNo", "contactPhone", "reason", "description", "requestedAmount"] as const;

/** The multipart form, read whole only up to the cap (413 past it, whatever Content-Length claims; 400 when it does not parse). */
async function readForm(request: Request): Promise<FormData> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^\s*multipart\/form-data/i.test(type)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "send the complaint as multipart/form-data");
  const body = await readCappedBody(request, COMPLAINT_REQUEST_MAX_BYTES);
  if (body === null) throw new AppError("PAYLOAD_TOO_LARGE", "photoTooLarge", { field: "photos" });
  try {
    return await new Response(new Uint8Array(body), { headers: { "content-type": type } }).formData();
  } catch {
    throw new AppError("VALIDATION_FAILED", "the form is not valid multipart/form-data");
  }
}

// POST /api/complaints – a consumer files a complaint (申诉): multipart text fields and up to 3 photos in "photos"
export async function POST(request: Request) {
  try {
    const form = await readForm(request);
    const fields: Record<string, unknown> = {};
    for (const name of TEXT_FIELDS) {
      const values = form.getAll(name);
      if (values.length > 1 || values.some((v) => typeof v !== "string")) throw new AppError("VALIDATION_FAILED", "invalid", { field: name });
      if (values.length === 1) fields[name] = values[0];
    }
    const files = form.getAll("photos");
    if (files.some((f) => !(f instanceof File))) throw new AppError("VALIDATION_FAILED", "photoType", { field: "photos" });
    // an empty file input sends one nameless, empty part: no photo
    const photos = (files as File[]).filter((f) => f.size > 0 || f.name !== "");
    if (photos.length > COMPLAINT_PHOTO_MAX_COUNT) throw new AppError("VALIDATION_FAILED", "photoCount", { field: "photos" });
    const ip = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || request.headers.get("x-real-ip") || null;
    const filed = await fileComplaint({ fields, photos: await Promise.all(photos.map(async (f) => new Uint8Array(await f.arrayBuffer()))), ip });
    return Response.json(
      { ...filed, url: `/complaints/${filed.complaintNo}?t=${filed.viewToken}` },
      { status: 201, headers: { "cache-control": "no-store" } },
    );
  } catch (error) {
    return errorResponse(error, requestIdFrom(request.headers));
  }
}
