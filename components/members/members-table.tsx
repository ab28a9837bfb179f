"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { MemberRole } from "@/server/domain/permissions";
import { hasStores } from "@/server/domain/member-schema";
import { DealerStores } from "./dealer-stores";
import { RoleSelect } from "./role-select";

type Member = { id: string; userId: string; email: string; name: string; role: MemberRole; storeIds: string[]; joinedAt: Date };
type Invitation = { id: string; email: string; role: MemberRole; storeIds: string[]; expiresAt: Date; invitedBy: string; expired: boolean };

function Confirm({ label, title, body, onConfirm, testId }: { label: string; title: string; body: string; onConfirm: () => void; testId?: string }) {
  const t = useTranslations("members");
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="ghost" size="sm" className="text-destructive" data-testid={testId}>
          {label}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription>{body}</AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>{t("cancel")}</AlertDialogCancel>
          <AlertDialogAction onClick={onConfirm}>{label}</AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

/** Members with their roles (changeable, removable) and the open invitations (revocable). */
export function MembersTable({ mchNo, members, invitations, currentUserId }: { mchNo: string; members: Member[]; invitations: Invitation[]; currentUserId: string }) {
  const t = useTranslations("members");
  const tr = useTranslations("roles");
  const format = useFormatter();
  const router = useRouter();
  const trpc = useTRPC();
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions());
  const remove = useMutation(trpc.members.remove.mutationOptions());
  const revoke = useMutation(trpc.members.revokeInvitation.mutationOptions());
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
      router.refresh();
    } catch (e) {
      const code = (e as { data?: { code?: string } }).data?.code;
      setError(code === "CONFLICT" ? t("lastOwner") : t("failed"));
    }
  }

  const date = (d: Date) => format.dateTime(new Date(d), { dateStyle: "medium", timeStyle: "short" });

  return (
    <>
      {error && (
        <Alert variant="destructive" data-testid="members-error">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      )}
      <Card>
        <CardHeader>
          <CardTitle>{t("membersTitle", { count: members.length })}</CardTitle>
        </CardHeader>
        <CardContent>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("member")}</TableHead>
                <TableHead>{t("role")}</TableHead>
                <TableHead>{t("joinedAt")}</TableHead>
                <TableHead className="text-right">{t("actions")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {members.map((m) => (
                <TableRow key={m.id} data-testid="member-row">
                  <TableCell>
                    <div className="font-medium">
                      {m.name} {m.userId === currentUserId && <Badge variant="secondary">{t("you")}</Badge>}
                    </div>
                    <div className="text-xs text-muted-foreground">{m.email}</div>
                  </TableCell>
                  <TableCell>
                    <RoleSelect
                      value={m.role}
                      label={t("roleOf", { email: m.email })}
                      disabled={changeRole.isPending}
                      onChange={(role) => run(() => changeRole.mutateAsync({ mchNo, membershipId: m.id, role }))}
                    />
                    {hasStores(m.role) && <DealerStores mchNo={mchNo} membershipId={m.id} email={m.email} storeIds={m.storeIds} />}
                  </TableCell>
                  <TableCell className="text-sm text-muted-foreground">{date(m.joinedAt)}</TableCell>
                  <TableCell className="text-right">
                    <Confirm
                      label={t("remove")}
                      title={t("removeTitle", { email: m.email })}
                      body={t("removeBody")}
                      onConfirm={() => run(() => remove.mutateAsync({ mchNo, membershipId: m.id }))}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("invitationsTitle")}</CardTitle>
        </CardHeader>
        <CardContent>
          {invitations.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("noInvitations")}</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("email")}</TableHead>
                  <TableHead>{t("role")}</TableHead>
                  <TableHead>{t("invitedBy")}</TableHead>
                  <TableHead>{t("expiresAt")}</TableHead>
                  <TableHead className="text-right">{t("actions")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {invitations.map((i) => (
                  <TableRow key={i.id} data-testid="invitation-row">
                    <TableCell className="font-medium">{i.email}</TableCell>
                    <TableCell>
                      {tr(i.role)}
                      {hasStores(i.role) && <div className="font-mono text-xs text-muted-foreground">{i.storeIds.join(", ")}</div>}
                    </TableCell>
                    <TableCell className="text-sm text-muted-foreground">{i.invitedBy}</TableCell>
                    <TableCell className="text-sm">{i.expired ? <Badge variant="outline">{t("expired")}</Badge> : date(i.expiresAt)}</TableCell>
                    <TableCell className="text-right">
                      <Confirm
                        label={t("revoke")}
                        title={t("revokeTitle", { email: i.email })}
                        body={t("revokeBody")}
                        onConfirm={() => run(() => revoke.mutateAsync({ mchNo, invitationId: i.id }))}
                      />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </>
  );
}
