import { getSessionUser } from "@/server/auth/session";
import { errorResponse } from "@/server/http/error-envelope";
import { requestIdFrom } from "@/server/observability/request-context";
import { type PhotoViewer, readComplaintPhoto } from "@/server/services/complaints/read-complaint-photo";

type Params = { params: Promise<{ complaintNo: string; photoId: string }> };

// GET /api/complaints/[complaintNo]/photos/[photoId] – a photo, to the consumer (?t=<viewToken>), the merchant's members, operators
export async function GET(request: Request, { params }: Params) {
  try {
    const { complaintNo, photoId } = await params;
    const token = new URL(request.url).searchParams.get("t");
    const user = token ? null : await getSessionUser();
    const viewer: PhotoViewer = token ? { kind: "consumer", token } : user ? { kind: "user", user } : { kind: "none" };
    const photo = await readComplaintPhoto(complaintNo, photoId, viewer);
    return new Response(new Uint8Array(photo.bytes), {
      headers: {
        "content-type": photo.contentType,
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'; sandbox",
        "cache-control": "private, no-store",
        "referrer-policy": "no-referrer",
      },
    });
  } catch (error) {
    return errorResponse(error, requestIdFrom(request.headers));
  }
}
