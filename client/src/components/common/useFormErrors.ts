"use client";
import { type Dispatch, type SetStateAction, useCallback, useState } from "react";
import { ApiError } from "@/lib/api-error";
import type { FieldErrors } from "@/lib/validation";

/** "must not be empty" → "Must not be empty": server messages are relative to their field. */
export function sentence(message: string): string {
  return message ? message[0]!.toUpperCase() + message.slice(1) : message;
}

/**
 * Field errors from client checks and from the server, plus messages that belong to no
 * field. `touched` fields show their client-side error while typing (after first blur).
 */
export function useFormErrors<K extends string>(fields: readonly K[], check: () => FieldErrors<K>) {
  const [touched, setTouched] = useState<Partial<Record<K, boolean>>>({});
  const [server, setServer] = useState<FieldErrors<K>>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [submitted, setSubmitted] = useState(false);

  const clientErrors = check();
  const errorFor = (field: K): string | undefined =>
    server[field] ?? (submitted || touched[field] ? clientErrors[field] : undefined);

  const touch = useCallback((field: K) => setTouched((t) => ({ ...t, [field]: true })), []);

  /** A field changed: its server error no longer applies. */
  const edited = useCallback((field: K) => {
    setServer((s) => {
      if (!(field in s)) return s;
      const next = { ...s };
      delete next[field];
      return next;
    });
  }, []);

  /** Before sending: show every client error; returns the first invalid field, if any. */
  const validateAll = (): K | undefined => {
    setSubmitted(true);
    setServer({});
    setFormErrors([]);
    return fields.find((field) => clientErrors[field]);
  };

  /** After a failed request: errors next to their fields, the rest above the form. */
  const fromServer = (err: unknown, translate?: (err: ApiError) => string | null): K | undefined => {
    if (!(err instanceof ApiError)) {
      setFormErrors(["Something went wrong. Please try again."]);
      return undefined;
    }
    const special = translate?.(err);
    if (special) {
      setFormErrors([special]);
      return undefined;
    }
    const byField = err.fieldErrors();
    const mapped: FieldErrors<K> = {};
    for (const field of fields) if (byField[field]) mapped[field] = sentence(byField[field]);
    setServer(mapped);
    setFormErrors(err.formErrors(fields).map(sentence));
    return fields.find((field) => mapped[field]);
  };

  /** After a successful submit that empties the form: start over without errors. */
  const reset = useCallback(() => {
    setTouched({});
    setServer({});
    setFormErrors([]);
    setSubmitted(false);
  }, []);

  /**
   * The props of the text field `values[name]` (id `${idPrefix}-${name}`): the error (or
   * `hint`) under it, and the handlers that keep value and errors current as the user types.
   */
  const bind = <N extends K, V extends Record<N, string>>(
    idPrefix: string,
    name: N,
    values: V,
    setValues: Dispatch<SetStateAction<V>>,
    hint = " ",
  ) => ({
    id: `${idPrefix}-${name}`,
    name,
    value: values[name],
    error: Boolean(errorFor(name)),
    helperText: errorFor(name) ?? hint,
    onChange: (e: { target: { value: string } }) => {
      setValues((v) => ({ ...v, [name]: e.target.value }));
      edited(name);
    },
    onBlur: () => touch(name),
  });

  return { errorFor, touch, edited, validateAll, fromServer, formErrors, reset, bind };
}

/** Moves keyboard focus to a form field by its id (after a failed submit). */
export function focusField(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}
