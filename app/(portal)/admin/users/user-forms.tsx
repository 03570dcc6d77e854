"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import type { ActionResult } from "@/lib/access/guard";
import { ROLES, ROLE_LABELS, type Role } from "@/lib/auth/roles";
import { createUser, resetPassword, setUserActive, updateUser } from "./actions";

type State = ActionResult | null;
type Action = (previous: State, formData: FormData) => Promise<ActionResult>;
type PlantOption = { plantId: number; name: string };

const PASSWORD_MIN_LENGTH = 10;

const INPUT =
  "mt-1 block w-full rounded-md border px-3 py-2 text-sm shadow-sm focus:ring-2 focus:outline-none disabled:bg-slate-50 disabled:text-slate-500";
const INPUT_OK = "border-slate-300 focus:border-brand-600 focus:ring-brand-600/30";
const INPUT_BAD = "border-red-400 focus:border-red-600 focus:ring-red-600/30";
const BUTTON =
  "inline-flex items-center justify-center rounded-md px-4 py-2 text-sm font-semibold shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed disabled:opacity-60";
const PRIMARY = `${BUTTON} bg-brand-700 text-white hover:bg-brand-600 focus-visible:outline-brand-700`;

/**
 * A form bound to a server action through `useActionState`. Submitting goes
 * through a transition instead of the browser's form reset, so that what was
 * typed stays in place when the server sends field errors back. Without
 * JavaScript the plain `action` still posts the form.
 */
function useActionForm(action: Action, { resetOnSuccess = false } = {}) {
  const [state, dispatch, pending] = useActionState<State, FormData>(action, null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    const form = formRef.current;
    if (!form || !state) return;
    if (state.ok) {
      if (resetOnSuccess) form.reset();
      return;
    }
    // Take keyboard and screen reader users straight to the first field to fix.
    const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.focus();
  }, [state, resetOnSuccess]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  }

  const errorsOf = (field: string): string[] | undefined => (state && !state.ok ? state.fieldErrors?.[field] : undefined);
  return { state, dispatch, pending, formRef, onSubmit, errorsOf };
}

/** aria attributes that tie a field to its hint and its error message. */
function described(id: string, errors: string[] | undefined, hint = false) {
  const ids = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ");
  return { "aria-invalid": errors?.length ? true : undefined, "aria-describedby": ids || undefined } as const;
}

function FieldError({ id, errors }: { id: string; errors: string[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <p id={`${id}-error`} className="mt-1 text-sm text-red-700" data-testid={`${id}-error`}>
      {errors.join(" ")}
    </p>
  );
}

function FormMessage({ state }: { state: State }) {
  if (!state) return null;
  if (!state.ok) {
    return (
      <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="form-error">
        {state.error}
      </p>
    );
  }
  if (!state.message) return null;
  return (
    <p role="status" className="rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-900" data-testid="form-success">
      {state.message}
    </p>
  );
}

function TextField({
  id,
  label,
  errors,
  hint,
  ...input
}: { id: string; label: string; errors: string[] | undefined; hint?: ReactNode } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input id={id} name={id} className={`${INPUT} ${errors?.length ? INPUT_BAD : INPUT_OK}`} {...described(id, errors, !!hint)} {...input} />
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldError id={id} errors={errors} />
    </div>
  );
}

function RoleAndPlants({
  plants,
  defaultRole,
  defaultPlantIds,
  errorsOf,
}: {
  plants: readonly PlantOption[];
  defaultRole: Role | "";
  defaultPlantIds: readonly number[];
  errorsOf: (field: string) => string[] | undefined;
}) {
  const [role, setRole] = useState<Role | "">(defaultRole);
  const roleErrors = errorsOf("role");
  const plantErrors = errorsOf("plantIds");
  const forPlantManager = role === "plant_manager";
  return (
    <>
      <div>
        <label htmlFor="role" className="block text-sm font-medium text-slate-700">
          Role
        </label>
        <select
          id="role"
          name="role"
          required
          value={role}
          onChange={(event) => setRole(event.target.value as Role | "")}
          className={`${INPUT} ${roleErrors?.length ? INPUT_BAD : INPUT_OK} bg-white`}
          {...described("role", roleErrors)}
        >
          <option value="" disabled>
            Choose a role…
          </option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <FieldError id="role" errors={roleErrors} />
      </div>
      <fieldset disabled={!forPlantManager} {...described("plantIds", plantErrors, true)} className="min-w-0">
        <legend className="text-sm font-medium text-slate-700">Plants</legend>
        <p id="plantIds-hint" className="mt-0.5 text-xs text-slate-500">
          {forPlantManager
            ? "The plants whose data this plant manager may see."
            : "Only plant managers are assigned plants. Choose the Plant manager role to pick them."}
        </p>
        {plants.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">There are no plants in the database yet.</p>
        ) : (
          <div className={`mt-2 grid gap-2 sm:grid-cols-2 ${forPlantManager ? "" : "opacity-60"}`}>
            {plants.map((plant) => (
              <label key={plant.plantId} className="flex items-center gap-2 text-sm text-slate-700">
                <input
                  type="checkbox"
                  name="plantIds"
                  value={plant.plantId}
                  defaultChecked={defaultPlantIds.includes(plant.plantId)}
                  className="h-4 w-4 rounded border-slate-300 accent-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
                />
                <span>
                  {plant.name} <span className="text-slate-400">#{plant.plantId}</span>
                </span>
              </label>
            ))}
          </div>
        )}
        <FieldError id="plantIds" errors={plantErrors} />
      </fieldset>
    </>
  );
}

export function CreateUserForm({ plants }: { plants: readonly PlantOption[] }) {
  const { state, dispatch, pending, formRef, onSubmit, errorsOf } = useActionForm(createUser);
  return (
    <form ref={formRef} action={dispatch} onSubmit={onSubmit} noValidate aria-busy={pending} className="max-w-xl space-y-5" data-testid="create-user-form">
      <TextField id="name" label="Name" errors={errorsOf("name")} type="text" autoComplete="off" required maxLength={100} />
      <TextField
        id="email"
        label="Email"
        errors={errorsOf("email")}
        type="email"
        autoComplete="off"
        required
        hint="The user signs in with this address. It is stored in lower case."
      />
      <RoleAndPlants plants={plants} defaultRole="" defaultPlantIds={[]} errorsOf={errorsOf} />
      <TextField
        id="password"
        label="Initial password"
        errors={errorsOf("password")}
        type="password"
        autoComplete="new-password"
        required
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. Give it to the user through a safe channel.`}
      />
      <FormMessage state={state} />
      <button type="submit" disabled={pending} className={PRIMARY}>
        {pending ? "Creating user…" : "Create user"}
      </button>
    </form>
  );
}

export function EditUserForm({
  user,
  plants,
}: {
  user: { id: number; name: string; role: Role; plantIds: number[] };
  plants: readonly PlantOption[];
}) {
  const { state, dispatch, pending, formRef, onSubmit, errorsOf } = useActionForm(updateUser);
  return (
    <form ref={formRef} action={dispatch} onSubmit={onSubmit} noValidate aria-busy={pending} className="max-w-xl space-y-5" data-testid="edit-user-form">
      <input type="hidden" name="userId" value={user.id} />
      <TextField id="name" label="Name" errors={errorsOf("name")} type="text" autoComplete="off" required maxLength={100} defaultValue={user.name} />
      <RoleAndPlants plants={plants} defaultRole={user.role} defaultPlantIds={user.plantIds} errorsOf={errorsOf} />
      <FormMessage state={state} />
      <button type="submit" disabled={pending} className={PRIMARY}>
        {pending ? "Saving…" : "Save changes"}
      </button>
    </form>
  );
}

export function ResetPasswordForm({ userId }: { userId: number }) {
  const { state, dispatch, pending, formRef, onSubmit, errorsOf } = useActionForm(resetPassword, { resetOnSuccess: true });
  return (
    <form ref={formRef} action={dispatch} onSubmit={onSubmit} noValidate aria-busy={pending} className="max-w-xl space-y-4" data-testid="reset-password-form">
      <input type="hidden" name="userId" value={userId} />
      <TextField
        id="password"
        label="New password"
        errors={errorsOf("password")}
        type="password"
        autoComplete="new-password"
        required
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. The old password stops working at once.`}
      />
      <FormMessage state={state} />
      <button type="submit" disabled={pending} className={PRIMARY}>
        {pending ? "Setting password…" : "Set new password"}
      </button>
    </form>
  );
}

export function AccountStatusForm({ userId, active, isSelf }: { userId: number; active: boolean; isSelf: boolean }) {
  const { state, dispatch, pending, formRef, onSubmit } = useActionForm(setUserActive);
  const blocked = active && isSelf;
  return (
    <form ref={formRef} action={dispatch} onSubmit={onSubmit} aria-busy={pending} className="space-y-4" data-testid="account-status-form">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <p className="text-sm text-slate-600" id="account-status-hint">
        {blocked
          ? "You cannot deactivate your own account."
          : active
            ? "A deactivated user can no longer sign in, and permission checks refuse a session they still have. Their history stays in the audit log."
            : "This account is deactivated. Activating it lets the user sign in again with their current password."}
      </p>
      <FormMessage state={state} />
      <button
        type="submit"
        disabled={pending || blocked}
        aria-describedby="account-status-hint"
        className={
          active
            ? `${BUTTON} border border-red-300 bg-white text-red-700 hover:bg-red-50 focus-visible:outline-red-700`
            : PRIMARY
        }
      >
        {pending ? (active ? "Deactivating…" : "Activating…") : active ? "Deactivate account" : "Activate account"}
      </button>
    </form>
  );
}
