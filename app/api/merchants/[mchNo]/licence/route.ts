import { getSessionUser } from "@/server/auth/session";
import { LICENCE_MAX_BYTES } from "@/server/domain/upload-type";
import { hasIdShape } from "@/server/domain/id-shapes";
import { AppError } from "@/server/errors";
import { errorResponse } from "@/server/http/error-envelope";
import { readCappedBody } from "@/server/streams/read-capped-body";
import { requestIdFrom } from "@/server/observability/request-context";
import { licenceMerchantId } from "@/server/services/onboarding/licence-merchant";
import { readLicence } from "@/server/services/onboarding/read-licence";
import { uploadLicence } from "@/server/services/onboarding/upload-licence";

type Params = { params: Promise<{ mchNo: string }> };

/** Room for the multipart envelope around a file of the largest size. */
const MAX_REQUEST_BYTES = LICENCE_MAX_BYTES + 64 * 1024;

function fail(request: Request, error: unknown): Response {
  return errorResponse(error, requestIdFrom(request.headers));
}

/** Reads the body, refusing it (413) as soon as it passes the limit, whatever Content-Length claims. */
async function readCapped(request: Request): Promise<Buffer> {
  const body = await readCappedBody(request, MAX_REQUEST_BYTES);
  if (body === null) throw new AppError("PAYLOAD_TOO_LARGE", "the licence file is larger than 5 MB");
  return body;
}

/** The signed-in user and the merchant they may act on here (the service decides: an operator reads any, a member their own). */
async function merchantFor(mchNo: string, write: boolean) {
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "sign in first");
  if (!hasIdShape("mchNo", mchNo)) throw new AppError("NOT_FOUND", "merchant not found");
  return { user, merchantId: await licenceMerchantId({ user, mchNo, write }) };
}

// GET /api/merchants/[mchNo]/licence – the business licence, to operators and the merchant's members
export async function GET(request: Request, { params }: Params) {
  try {
    const { merchantId } = await merchantFor((await params).mchNo, false);
    const licence = await readLicence(merchantId);
    if (!licence) throw new AppError("NOT_FOUND", "no licence uploaded");
    return new Response(new Uint8Array(licence.bytes), {
      headers: {
        "content-type": licence.mime,
        "content-disposition": `inline; filename*=UTF-8''${encodeURIComponent(licence.fileName)}`,
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'; img-src 'self'; object-src 'self'; sandbox",
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    return fail(request, error);
  }
}

// POST /api/merchants/[mchNo]/licence – multipart field "file": PNG, JPEG or PDF, 5 MB at most (OWNER)
export async function POST(request: Request, { params }: Params) {
  try {
    const { user, merchantId } = await merchantFor((await params).mchNo, true);
    const body = await readCapped(request);
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(body), { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
    } catch {
      throw new AppError("VALIDATION_FAILED", "send the file as multipart/form-data in the field \"file\"");
    }
    const file = form.get("file");
    if (!(file instanceof File)) throw new AppError("VALIDATION_FAILED", "send the file as multipart/form-data in the field \"file\"");
    const ip = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null;
    const saved = await uploadLicence({
      merchantId,
      actor: { type: "USER", id: user.id, ip },
      fileName: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    return Response.json(saved, { status: 201 });
  } catch (error) {
    return fail(request, error);
  }
}
