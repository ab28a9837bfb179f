import { getSessionUser } from "@/server/auth/session";
import { openExportDownload } from "@/server/services/exports/open-export-download";

export const dynamic = "force-dynamic";

// GET /api/exports/{exportId} – downloads a finished export (its requester, still a member with the right role)
export async function GET(_request: Request, { params }: { params: Promise<{ exportId: string }> }) {
  const user = await getSessionUser();
  if (!user) return new Response("sign in first", { status: 401, headers: { "content-type": "text/plain" } });
  const { exportId } = await params;
  return openExportDownload(user.id, exportId);
}
