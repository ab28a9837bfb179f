"use client";

import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import { Toast, ToastClose, ToastDescription, ToastProvider, ToastTitle, ToastViewport, type ToastVariant } from "@/components/ui/toast";

/** One note shown in the corner: already translated by the caller. */
export type ToastInput = { title: string; description?: string; variant?: ToastVariant };
type ShownToast = ToastInput & { id: number };

/** Keeps the last few; an older one gives way rather than stacking up the screen. */
const MAX_TOASTS = 3;
let toasts: ShownToast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const EMPTY: ShownToast[] = [];

function emit() {
  for (const listener of listeners) listener();
}

/** Shows a toast from anywhere in the console or the operator platform (the Toaster is mounted once in the shell). */
export function toast(input: ToastInput): void {
  toasts = [...toasts, { ...input, id: nextId++ }].slice(-MAX_TOASTS);
  emit();
}

function dismiss(id: number) {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The one place toasts render: Radix Toast (announced to screen readers, swipe to dismiss, pauses on hover). */
export function Toaster() {
  const t = useTranslations("live");
  const shown = useSyncExternalStore(subscribe, () => toasts, () => EMPTY);
  return (
    <ToastProvider swipeDirection="right" duration={6000} label={t("notifications")}>
      {shown.map((item) => (
        <Toast key={item.id} variant={item.variant} onOpenChange={(open) => !open && dismiss(item.id)} data-testid="toast">
          <ToastTitle>{item.title}</ToastTitle>
          {item.description && <ToastDescription>{item.description}</ToastDescription>}
          <ToastClose label={t("dismiss")} />
        </Toast>
      ))}
      <ToastViewport />
    </ToastProvider>
  );
}
