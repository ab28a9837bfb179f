"use client";

import type { ReactNode } from "react";
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
} from "./alert-dialog";
import { Button, type ButtonProps } from "./button";

type Props = {
  /** The button's text, and the dialog's words (already translated). */
  label: ReactNode;
  title: string;
  description: string;
  confirm: string;
  cancel: string;
  onConfirm: () => void;
  variant?: ButtonProps["variant"];
  size?: ButtonProps["size"];
  /** The confirm button's look: destructive for what cannot be undone. */
  confirmVariant?: "default" | "destructive";
  disabled?: boolean;
  /** On the opening button; the dialog's confirm button gets `<testId>-confirm`. */
  testId?: string;
};

/** A button that asks first (AlertDialog): for a decision a single misclick should not make. */
export function ConfirmButton({ label, title, description, confirm, cancel, onConfirm, variant, size = "sm", confirmVariant = "default", disabled, testId }: Props) {
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant={variant} size={size} disabled={disabled} data-testid={testId}>
          {label}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>{cancel}</AlertDialogCancel>
          <AlertDialogAction variant={confirmVariant} data-testid={testId ? `${testId}-confirm` : undefined} onClick={onConfirm}>
            {confirm}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
