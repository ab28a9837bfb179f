import * as React from "react";
import { Slot } from "radix-ui";

import { cn } from "./cn";
import { Label } from "./label";

/** Props injected into the field's control (input, select trigger, …). */
type FormFieldControlProps = {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  "aria-required"?: true;
};

type FormFieldProps = Omit<React.ComponentProps<"div">, "children"> & {
  label?: React.ReactNode;
  description?: React.ReactNode;
  /** Error message (e.g. `fieldState.error?.message`); renders red with role="alert". */
  error?: React.ReactNode;
  required?: boolean;
  /** Control id; generated when omitted. */
  id?: string;
  /** A single control element (receives id/aria props) or a render function. */
  children: React.ReactElement | ((control: FormFieldControlProps) => React.ReactNode);
};

function FormField({
  label,
  description,
  error,
  required,
  id,
  className,
  children,
  ...props
}: FormFieldProps) {
  const generatedId = React.useId();
  const controlId = id ?? `field-${generatedId}`;
  const descriptionId = `${controlId}-description`;
  const errorId = `${controlId}-error`;
  const hasError = error != null && error !== false && error !== "";

  const describedBy =
    [description ? descriptionId : null, hasError ? errorId : null].filter(Boolean).join(" ") ||
    undefined;

  const control: FormFieldControlProps = {
    id: controlId,
    "aria-describedby": describedBy,
    ...(hasError ? { "aria-invalid": true as const } : {}),
    ...(required ? { "aria-required": true as const } : {}),
  };

  return (
    <div
      data-slot="form-field"
      data-invalid={hasError || undefined}
      className={cn("grid gap-2", className)}
      {...props}
    >
      {label ? (
        <Label
          htmlFor={controlId}
          className={cn(hasError && "text-destructive")}
        >
          {label}
          {required ? (
            <span aria-hidden="true" className="text-destructive">
              *
            </span>
          ) : null}
        </Label>
      ) : null}
      {typeof children === "function" ? (
        children(control)
      ) : (
        <Slot.Root {...control}>
          {children}
        </Slot.Root>
      )}
      {description ? (
        <p
          id={descriptionId}
          data-slot="form-field-description"
          className="text-sm text-muted-foreground"
        >
          {description}
        </p>
      ) : null}
      {hasError ? (
        <p
          id={errorId}
          role="alert"
          data-slot="form-field-error"
          className="text-sm font-medium text-destructive"
        >
          {error}
        </p>
      ) : null}
    </div>
  );
}

export { FormField, type FormFieldProps, type FormFieldControlProps };
