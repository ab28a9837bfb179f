"use client";

import { useMutation } from "@tanstack/react-query";
import { Camera, Delete, ScanLine, Settings2 } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { formatMoney } from "@/server/domain/money";
import { posAmountSchema } from "@/server/domain/pos-schema";
import { knownMessage } from "@/server/i18n/known-message";
import { CameraScanner } from "./camera-scanner";
import { PaymentResult, type ResultPayment } from "./payment-result";
import { newRequestId, posErrorMessage, posFieldErrors, pressKey } from "./pos-helpers";
import { type PosSetupView, PosSettings, usePosChoice } from "./pos-settings";
import { TakingsPanel } from "./takings-panel";

type Step = { kind: "amount" } | { kind: "scan" } | { kind: "result"; payment: ResultPayment };

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", ".", "0", "back"] as const;
const AMOUNT_SHAPE = /^\d{0,9}(\.\d{0,2})?$/;

/**
 * The store POS (门店收银): the amount on a big keypad (or typed), a note, 收款 → the scan field takes the payer's code
 * from a USB scanner (it types the digits and Enter), the camera, or the keyboard → the payment follows itself to
 * its end → the receipt, the next payment. Today's takings beside it (below it on a phone).
 */
export function PosTerminal({ mchNo, userId, userName, setup }: { mchNo: string; userId: string; userName: string; setup: PosSetupView }) {
  const t = useTranslations("pos");
  const locale = useLocale();
  const trpc = useTRPC();
  const take = useMutation(trpc.pos.take.mutationOptions());
  const { choice, loaded, save, clear } = usePosChoice(mchNo, userId, setup);
  const [editing, setEditing] = useState(false);
  const [settingsError, setSettingsError] = useState<string | null>(null);
  const [step, setStep] = useState<Step>({ kind: "amount" });
  const [amount, setAmount] = useState("");
  const [note, setNote] = useState("");
  const [amountError, setAmountError] = useState<string | null>(null);
  const [code, setCode] = useState("");
  const [codeError, setCodeError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [camera, setCamera] = useState(false);
  const requestId = useRef(newRequestId());
  const scanInput = useRef<HTMLInputElement>(null);
  const fieldMessage = (key: string) => knownMessage(t, `fieldErrors.${key}`, t("fieldErrors.invalid"));

  const parsedAmount = posAmountSchema.safeParse({ amount, note });
  const amountFen = parsedAmount.success ? parsedAmount.data.amount : null;

  function collect() {
    const parsed = posAmountSchema.safeParse({ amount, note });
    if (!parsed.success) {
      setAmountError(fieldMessage(parsed.error.issues[0]?.message ?? "invalid"));
      return;
    }
    setAmountError(null);
    setCode("");
    setCodeError(null);
    setFailure(null);
    setStep({ kind: "scan" });
  }

  async function submit(authCode: string) {
    if (!choice || take.isPending) return;
    setCodeError(null);
    setFailure(null);
    try {
      const payment = await take.mutateAsync({ mchNo, appId: choice.appId, storeId: choice.storeId, amount, note: note || undefined, authCode, requestId: requestId.current });
      requestId.current = newRequestId();
      setCamera(false);
      setStep({ kind: "result", payment });
    } catch (error) {
      // an answer came (refused, or failed there): the next try is a new payment; no answer: the same one, replayed
      if ((error as { data?: unknown }).data) requestId.current = newRequestId();
      const fields = posFieldErrors(error);
      if (fields.amount || fields.note) {
        setAmountError(fieldMessage(fields.amount ?? fields.note!));
        setStep({ kind: "amount" });
      } else if (fields.appId || fields.storeId) {
        setSettingsError(fieldMessage(fields.appId ?? fields.storeId!));
        setEditing(true);
      } else if (fields.authCode) {
        setCodeError(fieldMessage(fields.authCode));
      } else {
        setFailure(posErrorMessage(t, error));
      }
      setCode("");
    }
  }
  // the camera hands over one code; it keeps one callback while open (the latest submit, through a ref)
  const latestSubmit = useRef(submit);
  latestSubmit.current = submit;
  const onCameraCode = useCallback((read: string) => {
    setCamera(false);
    setCode(read);
    void latestSubmit.current(read.replace(/\s+/g, ""));
  }, []);

  // the scan field has the focus whenever it can take a code (a USB scanner types into whatever is focused)
  useEffect(() => {
    if (step.kind === "scan" && !take.isPending && !camera) scanInput.current?.focus();
  }, [step.kind, take.isPending, camera]);

  function next() {
    setAmount("");
    setNote("");
    setCode("");
    setStep({ kind: "amount" });
  }

  if (!loaded) return null;
  if (!choice || editing) {
    return (
      <PosSettings
        setup={setup}
        initial={choice}
        error={settingsError}
        onSave={(c) => {
          save(c);
          setEditing(false);
          setSettingsError(null);
        }}
      />
    );
  }
  const app = setup.apps.find((a) => a.id === choice.appId);

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,26rem)_minmax(0,1fr)]">
      <Card className="self-start" data-testid="pos-terminal">
        <CardContent className="flex flex-col gap-4">
          <div className="flex items-center justify-between gap-2 text-sm text-muted-foreground print:hidden">
            <span className="min-w-0" data-testid="pos-using">
              {t("settings.using", { app: app?.name ?? "", store: choice.storeId })}
            </span>
            <Button
              type="button"
              variant="ghost"
              size="sm"
              onClick={() => {
                setEditing(true);
                clear();
              }}
            >
              <Settings2 />
              {t("settings.change")}
            </Button>
          </div>

          {step.kind === "amount" && (
            <form
              className="flex flex-col gap-3"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                collect();
              }}
            >
              <FormField id="pos-amount" label={t("amount")} error={amountError ?? undefined}>
                <Input
                  data-testid="pos-amount"
                  inputMode="decimal"
                  autoComplete="off"
                  autoFocus
                  placeholder="0.00"
                  className="h-16 text-right text-4xl font-semibold tabular-nums md:text-4xl"
                  value={amount}
                  onChange={(e) => {
                    const value = e.target.value.trim();
                    if (AMOUNT_SHAPE.test(value)) setAmount(value);
                  }}
                />
              </FormField>
              <div className="grid grid-cols-3 gap-2" role="group" aria-label={t("amountLabel")}>
                {KEYS.map((key) => (
                  <Button
                    key={key}
                    type="button"
                    variant="outline"
                    className="h-14 text-2xl tabular-nums"
                    aria-label={key === "back" ? t("keypad.backspace") : key === "." ? t("keypad.dot") : key}
                    onClick={() => setAmount((current) => pressKey(current, key))}
                  >
                    {key === "back" ? <Delete className="size-6" /> : key}
                  </Button>
                ))}
              </div>
              <FormField id="pos-note" label={t("note")}>
                <Input value={note} maxLength={64} placeholder={t("notePlaceholder")} onChange={(e) => setNote(e.target.value)} autoComplete="off" />
              </FormField>
              <div className="grid grid-cols-[auto_1fr] gap-2">
                <Button type="button" variant="outline" className="h-14" onClick={() => setAmount("")}>
                  {t("keypad.clear")}
                </Button>
                <Button type="submit" className="h-14 text-xl" data-testid="pos-collect">
                  <ScanLine className="size-5" />
                  {t("collect")}
                  {amountFen !== null && <span className="tabular-nums">{formatMoney(amountFen, "CNY", locale)}</span>}
                </Button>
              </div>
            </form>
          )}

          {step.kind === "scan" && (
            <form
              className="flex flex-col gap-3"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                void submit(code.replace(/\s+/g, ""));
              }}
            >
              <div className="text-center">
                <p className="text-3xl font-bold tabular-nums">{amountFen !== null ? formatMoney(amountFen, "CNY", locale) : ""}</p>
                {note && <p className="text-sm text-muted-foreground">{note}</p>}
              </div>
              <p className="text-lg font-semibold">{t("scan.title")}</p>
              <p className="text-sm text-muted-foreground">{t("scan.hint")}</p>
              {failure && (
                <Alert variant="destructive">
                  <AlertDescription data-testid="pos-failure">{failure}</AlertDescription>
                </Alert>
              )}
              <FormField id="pos-code" label={t("scan.label")} error={codeError ?? undefined}>
                <Input
                  ref={scanInput}
                  data-testid="pos-scan-input"
                  inputMode="numeric"
                  autoComplete="off"
                  autoFocus
                  className="h-12 font-mono text-xl tracking-wider"
                  value={code}
                  disabled={take.isPending}
                  onChange={(e) => setCode(e.target.value)}
                />
              </FormField>
              {take.isPending && <p className="text-center text-sm text-muted-foreground">{t("status.taking")}</p>}
              {camera ? (
                <CameraScanner onCode={onCameraCode} onClose={() => setCamera(false)} />
              ) : (
                <Button type="button" variant="outline" size="lg" onClick={() => setCamera(true)} disabled={take.isPending}>
                  <Camera />
                  {t("scan.camera")}
                </Button>
              )}
              <div className="grid grid-cols-2 gap-2">
                <Button type="button" variant="outline" size="lg" onClick={() => setStep({ kind: "amount" })} disabled={take.isPending}>
                  {t("scan.back")}
                </Button>
                <Button type="submit" size="lg" disabled={take.isPending || code.trim() === ""}>
                  {t("scan.submit")}
                </Button>
              </div>
            </form>
          )}

          {step.kind === "result" && (
            <PaymentResult
              key={step.payment.orderNo}
              mchNo={mchNo}
              initial={step.payment}
              merchantName={setup.merchantName}
              cashierName={userName}
              onNext={next}
              onRescan={() => {
                setCode("");
                setStep({ kind: "scan" });
              }}
            />
          )}
        </CardContent>
      </Card>
      <TakingsPanel mchNo={mchNo} />
    </div>
  );
}
