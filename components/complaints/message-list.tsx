"use client";

import { useFormatter, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

type Message = { id: string; author: "CONSUMER" | "MERCHANT" | "OPERATOR" | "SYSTEM"; body: string; createdAt: Date };

/** What the system wrote, by its code (never shown raw). */
const SYSTEM_KEYS = { "consumer.accepted": "consumerAccepted", "sla.escalated": "slaEscalated" } as const;

/**
 * The conversation of a complaint, oldest first. `me` is the side reading it (their messages on the right);
 * the system's notes are centred and translated.
 */
export function MessageList({ messages, me, empty }: { messages: Message[]; me: Message["author"]; empty: string }) {
  const t = useTranslations("complaints.follow");
  const format = useFormatter();
  if (messages.length === 0) return <p className="text-sm text-muted-foreground">{empty}</p>;
  return (
    <ol className="flex flex-col gap-3" data-testid="complaint-messages">
      {messages.map((m) => {
        if (m.author === "SYSTEM") {
          const key = SYSTEM_KEYS[m.body as keyof typeof SYSTEM_KEYS];
          return (
            <li key={m.id} className="self-center rounded-full bg-muted px-3 py-1 text-center text-xs text-muted-foreground">
              {key ? t(`system.${key}`) : t("author.SYSTEM")}
            </li>
          );
        }
        const mine = m.author === me;
        return (
          <li key={m.id} className={cn("flex max-w-[85%] flex-col gap-1", mine ? "self-end items-end" : "self-start items-start")} data-author={m.author}>
            <span className="text-xs text-muted-foreground">
              {m.author === "CONSUMER" && me !== "CONSUMER" ? t("consumerLabel") : t(`author.${m.author}`)} · {format.dateTime(m.createdAt, { dateStyle: "short", timeStyle: "short" })}
            </span>
            <p className={cn("rounded-2xl px-3 py-2 text-sm whitespace-pre-wrap break-words", mine ? "bg-primary text-primary-foreground" : "border bg-card")}>{m.body}</p>
          </li>
        );
      })}
    </ol>
  );
}
