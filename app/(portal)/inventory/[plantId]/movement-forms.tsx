"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import type { ActionResult } from "@/lib/access/guard";
import { adjustStock, consumeStock, receiveStock, transferStock } from "./actions";

type State = ActionResult | null;
type Action = (previous: State, formData: FormData) => Promise<ActionResult>;
type Kind = "receive" | "consume" | "transfer" | "adjust";

const INPUT =
  "mt-1 block w-full rounded-md border px-3 py-2 text-sm shadow-sm focus:ring-2 focus:outline-none disabled:bg-slate-50 disabled:text-slate-500";
const INPUT_OK = "border-slate-300 focus:border-brand-600 focus:ring-brand-600/30";
const INPUT_BAD = "border-red-400 focus:border-red-600 focus:ring-red-600/30";
const PRIMARY =
  "inline-flex items-center justify-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 disabled:cursor-not-allowed disabled:opacity-60";

const TABS: Array<{ kind: Kind; label: string; action: Action; submit: string }> = [
  { kind: "receive", label: "Receive", action: receiveStock, submit: "Receive stock" },
  { kind: "consume", label: "Consume", action: consumeStock, submit: "Consume stock" },
  { kind: "transfer", label: "Transfer", action: transferStock, submit: "Transfer stock" },
  { kind: "adjust", label: "Count", action: adjustStock, submit: "Record count" },
];

export type MovementFormsProps = {
  plantId: number;
  /** Other plants of the user's scope: the transfer targets. */
  targets: Array<{ plantId: number; name: string }>;
  parts: Array<{ partId: number; partNumber: string; name: string }>;
};

/** The "Stock movement" card's forms: one per kind of movement, one shown at a time. */
export function MovementForms({ plantId, targets, parts }: MovementFormsProps) {
  const [kind, setKind] = useState<Kind>("receive");
  return (
    <div data-testid="movement-forms">
      <div role="tablist" aria-label="Kind of movement" className="mb-4 flex flex-wrap gap-2">
        {TABS.map((tab) => (
          <button
            key={tab.kind}
            type="button"
            role="tab"
            aria-selected={kind === tab.kind}
            aria-controls={`movement-${tab.kind}`}
            onClick={() => setKind(tab.kind)}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${kind === tab.kind ? "bg-brand-700 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <datalist id="movement-parts">
        {parts.map((p) => (
          <option key={p.partNumber} value={p.partNumber} data-part-id={p.partId}>
            {p.name}
          </option>
        ))}
      </datalist>
      {TABS.filter((t) => t.kind === kind).map((tab) => (
        <MovementForm key={tab.kind} kind={tab.kind} action={tab.action} submit={tab.submit} plantId={plantId} targets={targets} />
      ))}
    </div>
  );
}

function MovementForm({ kind, action, submit, plantId, targets }: { kind: Kind; action: Action; submit: string; plantId: number; targets: MovementFormsProps["targets"] }) {
  const [state, dispatch, pending] = useActionState<State, FormData>(action, null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    const form = formRef.current;
    if (!form || !state) return;
    if (state.ok) {
      form.reset();
      return;
    }
    form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  }

  const errorsOf = (field: string) => (state && !state.ok ? state.fieldErrors?.[field] : undefined);
  const id = (field: string) => `${kind}-${field}`;

  return (
    <form ref={formRef} id={`movement-${kind}`} role="tabpanel" action={dispatch} onSubmit={onSubmit} noValidate className="space-y-4" data-testid={`movement-form-${kind}`}>
      <input type="hidden" name="plantId" value={plantId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={id("partNumber")} name="partNumber" label="Part number" errors={errorsOf("partNumber")} list="movement-parts" autoComplete="off" required />
        {kind === "adjust" ? (
          <Field id={id("countedQuantity")} name="countedQuantity" label="Counted quantity" errors={errorsOf("countedQuantity")} inputMode="numeric" required />
        ) : (
          <Field id={id("quantity")} name="quantity" label="Quantity" errors={errorsOf("quantity")} inputMode="numeric" required />
        )}
        {kind === "transfer" ? (
          <div>
            <label htmlFor={id("toPlantId")} className="block text-sm font-medium text-slate-700">
              To plant
            </label>
            <select
              id={id("toPlantId")}
              name="toPlantId"
              defaultValue=""
              className={`${INPUT} ${errorsOf("toPlantId")?.length ? INPUT_BAD : INPUT_OK}`}
              aria-invalid={errorsOf("toPlantId")?.length ? true : undefined}
              aria-describedby={errorsOf("toPlantId")?.length ? `${id("toPlantId")}-error` : undefined}
            >
              <option value="" disabled>
                {targets.length ? "Choose a plant" : "No other plant is yours"}
              </option>
              {targets.map((t) => (
                <option key={t.plantId} value={t.plantId}>
                  {t.name}
                </option>
              ))}
            </select>
            <FieldError id={id("toPlantId")} errors={errorsOf("toPlantId")} />
          </div>
        ) : null}
        {kind === "adjust" ? <Field id={id("reason")} name="reason" label="Reason" errors={errorsOf("reason")} maxLength={500} required /> : null}
      </div>
      {state ? (
        state.ok ? (
          <p role="status" className="rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-900" data-testid="movement-success">
            {state.message}
          </p>
        ) : (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="movement-error">
            {state.error}
          </p>
        )
      ) : null}
      <button type="submit" className={PRIMARY} disabled={pending}>
        {pending ? "Saving…" : submit}
      </button>
    </form>
  );
}

function FieldError({ id, errors }: { id: string; errors: string[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <p id={`${id}-error`} className="mt-1 text-sm text-red-700" data-testid={`${id}-error`}>
      {errors.join(" ")}
    </p>
  );
}

function Field({ id, label, errors, ...input }: { id: string; label: string; errors: string[] | undefined } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        className={`${INPUT} ${errors?.length ? INPUT_BAD : INPUT_OK}`}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        {...input}
      />
      <FieldError id={id} errors={errors} />
    </div>
  );
}
