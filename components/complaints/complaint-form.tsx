"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { knownMessage } from "@/server/i18n/known-message";
import {
  COMPLAINT_PHOTO_MAX_BYTES,
  COMPLAINT_PHOTO_MAX_COUNT,
  COMPLAINT_REASONS,
  type FileComplaintForm,
  fileComplaintSchema,
} from "@/server/domain/complaint-schema";

const FIELDS = ["payOrderNo", "contactPhone", "reason", "description", "requestedAmount"] as const;
type Field = (typeof FIELDS)[number];
const ACCEPTED = ["image/jpeg", "image/png", "image/webp"];

/** Server answers we explain in words; anything else is the generic message. */
const GENERAL = ["alreadyOpen", "orderNotPaid", "orderNotFound", "RATE_LIMITED"] as const;

/**
 * The consumer's complaint form: validated with the server's own schema as they type, photos checked for
 * count, size and type before sending, sent as multipart; the server's field errors land on their fields.
 * On success the consumer goes to the follow-up page (its link is their key: the page says to keep it).
 */
export function ComplaintForm({ payOrderNo, refundableLabel }: { payOrderNo: string; refundableLabel: string }) {
  const t = useTranslations("complaints");
  const router = useRouter();
  const [photos, setPhotos] = useState<File[]>([]);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const form = useForm<FileComplaintForm>({
    resolver: zodResolver(fileComplaintSchema, undefined, { raw: true }),
    defaultValues: { payOrderNo, contactPhone: "", reason: "" as FileComplaintForm["reason"], description: "", requestedAmount: "" },
  });
  const { errors } = form.formState;
  const message = (key: string | undefined) => (key ? knownMessage(t, `errors.${key}`, t("errors.invalid")) : undefined);

  function pickPhotos(list: FileList | null) {
    const files = Array.from(list ?? []);
    setPhotoError(null);
    if (files.length > COMPLAINT_PHOTO_MAX_COUNT) return setPhotoError("photoCount");
    if (files.some((f) => f.size > COMPLAINT_PHOTO_MAX_BYTES)) return setPhotoError("photoTooLarge");
    if (files.some((f) => !ACCEPTED.includes(f.type))) return setPhotoError("photoType");
    setPhotos(files);
  }

  async function submit(values: FileComplaintForm) {
    if (photoError) return;
    setSending(true);
    setGeneral(null);
    try {
      const body = new FormData();
      for (const field of FIELDS) body.append(field, String(values[field] ?? ""));
      for (const photo of photos) body.append("photos", photo, photo.name);
      const response = await fetch("/api/complaints", { method: "POST", body });
      const answer = (await response.json().catch(() => null)) as { url?: string; error?: { code: string; message: string; field?: string } } | null;
      if (response.ok && answer?.url) return router.push(answer.url);
      const error = answer?.error;
      const key = error?.code === "RATE_LIMITED" ? "RATE_LIMITED" : error?.message;
      if (error?.field === "photos") setPhotoError(key ?? "photoType");
      else if (key && (GENERAL as readonly string[]).includes(key)) setGeneral(key);
      else if (error?.field && (FIELDS as readonly string[]).includes(error.field)) form.setError(error.field as Field, { message: key });
      else setGeneral("generic");
    } catch {
      setGeneral("generic");
    } finally {
      setSending(false);
    }
  }

  return (
    <form onSubmit={form.handleSubmit(submit)} noValidate className="grid gap-4" data-testid="complaint-form">
      {general && (
        <Alert variant="destructive" data-testid="complaint-form-error">
          <AlertDescription>{knownMessage(t, `errors.${general}`, t("errors.generic"))}</AlertDescription>
        </Alert>
      )}
      <FormField id="complaint-phone" label={t("form.phone")} description={t("form.phoneHint")} required error={message(errors.contactPhone?.message)}>
        <Input type="tel" inputMode="tel" autoComplete="tel" maxLength={20} {...form.register("contactPhone")} />
      </FormField>
      <FormField id="complaint-reason" label={t("form.reason")} required error={message(errors.reason?.message)}>
        <NativeSelect {...form.register("reason")}>
          <option value="">{t("form.reasonPick")}</option>
          {COMPLAINT_REASONS.map((reason) => (
            <option key={reason} value={reason}>
              {t(`reason.${reason}`)}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField id="complaint-description" label={t("form.description")} required error={message(errors.description?.message)}>
        <Textarea rows={4} maxLength={1000} placeholder={t("form.descriptionHint")} {...form.register("description")} />
      </FormField>
      <FormField
        id="complaint-amount"
        label={t("form.amount")}
        description={t("form.amountHint", { amount: refundableLabel })}
        error={message(errors.requestedAmount?.message)}
      >
        <Input inputMode="decimal" autoComplete="off" placeholder="0.00" {...form.register("requestedAmount")} />
      </FormField>
      <FormField id="complaint-photos" label={t("form.photos")} description={t("form.photosHint")} error={photoError ? message(photoError) : undefined}>
        <Input type="file" accept={ACCEPTED.join(",")} multiple onChange={(e) => pickPhotos(e.target.files)} />
      </FormField>
      <Button type="submit" size="lg" className="h-12 w-full text-base" disabled={sending}>
        {sending ? t("form.sending") : t("form.submit")}
      </Button>
    </form>
  );
}
