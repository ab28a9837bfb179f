import type { AlertTargetConfig } from "@/server/domain/alert-rule-schema";
import { postRobot } from "./post-robot";

/** WeCom's limit for a markdown message's content, in bytes. */
const MAX_BYTES = 4096;

/** A WeCom group robot (the key in the URL is the only credential): markdown, cut to 4096 bytes. */
export async function sendWecom(config: AlertTargetConfig<"WECOM">, message: { title: string; text: string }): Promise<void> {
  await postRobot(config.url, { msgtype: "markdown", markdown: { content: cutToBytes(message.text, MAX_BYTES) } });
}

/** The longest prefix of `text` within `max` UTF-8 bytes (never half a character). */
export function cutToBytes(text: string, max: number): string {
  if (Buffer.byteLength(text, "utf8") <= max) return text;
  let out = "";
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, "utf8");
    if (bytes + size > max - 3) break;
    out += char;
    bytes += size;
  }
  return `${out}…`;
}
