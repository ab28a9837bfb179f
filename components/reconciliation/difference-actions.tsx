"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { commentDifferenceSchema } from "@/server/domain/reconciliation-schema";
import { reconErrorKey } from "./recon-error";
import { ResolveDialog } from "./resolve-dialog";

/** Assign the difference to a member who may resolve it, and open the resolve dialog (while unresolved). */
export function DifferenceActions({
  mchNo,
  differenceId,
  assigneeId,
  resolved,
  assignees,
}: {
  mchNo: string;
  differenceId: string;
  assigneeId: string | null;
  resolved: boolean;
  assignees: { id: string; name: string }[];
}) {
  const t = useTranslations("reconciliation");
  const router = useRouter();
  const trpc = useTRPC();
  const [resolving, setResolving] = useState(false);
  const assign = useMutation(trpc.reconciliation.assign.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="flex flex-wrap items-center gap-3" data-testid="difference-actions">
      <label className="flex items-center gap-2 text-sm">
        {t("detail.assignee")}
        <NativeSelect
          className="w-40"
          value={assigneeId ?? ""}
          disabled={resolved || assign.isPending}
          onChange={(e) => assign.mutate({ mchNo, differenceId, assigneeId: e.target.value || null })}
          data-testid="assignee-select"
        >
          <option value="">{t("detail.unassigned")}</option>
          {assignees.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </NativeSelect>
      </label>
      {!resolved && (
        <Button size="sm" onClick={() => setResolving(true)} data-testid="resolve-button">
          {t("queue.resolve")}
        </Button>
      )}
      {assign.error && <span className="text-sm text-destructive">{t(`errors.${reconErrorKey(assign.error)}`)}</span>}
      <ResolveDialog
        mchNo={mchNo}
        differenceIds={[differenceId]}
        open={resolving}
        onOpenChange={setResolving}
        onDone={() => {
          setResolving(false);
          router.refresh();
        }}
      />
    </div>
  );
}

const commentSchema = commentDifferenceSchema.pick({ body: true });

/** Adds a comment to the difference (what was found out, asked, decided). */
export function CommentForm({ mchNo, differenceId }: { mchNo: string; differenceId: string }) {
  const t = useTranslations("reconciliation");
  const router = useRouter();
  const trpc = useTRPC();
  const comment = useMutation(trpc.reconciliation.comment.mutationOptions());
  const form = useForm<z.input<typeof commentSchema>, unknown, z.output<typeof commentSchema>>({ resolver: zodResolver(commentSchema), defaultValues: { body: "" } });
  const onSubmit = form.handleSubmit(async ({ body }) => {
    const done = await comment.mutateAsync({ mchNo, differenceId, body }).catch(() => null);
    if (done) {
      form.reset({ body: "" });
      router.refresh();
    }
  });
  return (
    <form onSubmit={onSubmit} className="grid gap-2" data-testid="comment-form">
      <label htmlFor="recon-comment" className="text-sm font-medium">
        {t("detail.commentLabel")}
      </label>
      <Textarea id="recon-comment" rows={2} maxLength={2000} aria-invalid={form.formState.errors.body ? true : undefined} {...form.register("body")} />
      {form.formState.errors.body && <span className="text-xs text-destructive">{t("errors.required")}</span>}
      {comment.error && <span className="text-xs text-destructive">{t(`errors.${reconErrorKey(comment.error)}`)}</span>}
      <Button type="submit" size="sm" variant="outline" className="justify-self-end" disabled={form.formState.isSubmitting}>
        {t("detail.commentSend")}
      </Button>
    </form>
  );
}
