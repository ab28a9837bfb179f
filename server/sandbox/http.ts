import { findSandboxChannel } from "./registry";

/** `/api/sandbox/<channel>/<path…>`: the simulated channel's own API; 404 for a channel without one. */
export async function handleSandboxRequest(request: Request, channel: string, path: string[]): Promise<Response> {
  const sandbox = findSandboxChannel(channel);
  return sandbox ? sandbox.handleRequest(request, path) : new Response("not found", { status: 404 });
}
