'use client';

import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { ActionOutcome, failure, type Outcome } from './action-outcome';
import { FormField } from './form-field';
import { ApiRefusal, type FieldProblems } from './stores-view';

/** One input of a connect form; `name` is the field of the GraphQL input, which the server's refusals name. */
export interface FieldSpec<F> {
  name: keyof F & string;
  label: string;
  hint?: string;
  /** Secrets are password inputs: never shown, never kept by the browser's autofill. */
  secret?: boolean;
  optional?: boolean;
}

/**
 * A form that connects a store or an org: checked with the server's rules before it is sent, then sent; a refusal
 * naming an argument is shown beside that field, and every refusal in the alert under the form, naming the field.
 * Connecting the same shop domain or org URL again updates it, so the form also edits.
 */
export function ConnectForm<F extends { [K in keyof F]: string }>({
  title,
  description,
  fields,
  empty,
  check,
  submit,
  submitLabel,
  pendingText,
}: {
  title: string;
  description: string;
  fields: readonly FieldSpec<F>[];
  empty: F;
  check: (values: F) => FieldProblems<F>;
  submit: (values: F) => Promise<string>;
  submitLabel: string;
  pendingText: string;
}) {
  const headingId = useId();
  const [values, setValues] = useState<F>(empty);
  const [problems, setProblems] = useState<FieldProblems<F>>({});
  const [outcome, setOutcome] = useState<Outcome>();
  const labelOf = (name: string) => fields.find((field) => field.name === name)?.label ?? name;
  const send = useMutation({
    mutationFn: submit,
    onSuccess: (text) => {
      setValues(empty);
      setOutcome({ kind: 'status', text });
    },
    onError: (error) => {
      const field = error instanceof ApiRefusal ? error.field : undefined;
      if (field && fields.some((spec) => spec.name === field)) {
        setProblems({ [field]: error.message } as FieldProblems<F>);
        setOutcome({ kind: 'alert', text: `${labelOf(field)}: ${error.message}` });
      } else {
        setOutcome(failure('Refused', error));
      }
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = check(values);
    setProblems(found);
    const invalid = fields.filter((field) => found[field.name]);
    if (invalid.length > 0) {
      setOutcome({ kind: 'alert', text: `Fix ${invalid.map((field) => field.label).join(', ')}, then send again.` });
      // A keyboard user lands on the first field to fix, its reason read out through aria-describedby.
      const first = event.currentTarget.elements.namedItem(invalid[0]?.name ?? '');
      if (first instanceof HTMLInputElement) first.focus();
      return;
    }
    setOutcome(undefined);
    send.mutate(values);
  };
  const set = (name: keyof F & string) => (value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
    setProblems((current) => ({ ...current, [name]: undefined }));
  };

  return (
    <section className="panel" aria-labelledby={headingId}>
      <header className="panel-header">
        <h2 id={headingId}>{title}</h2>
      </header>
      <p className="muted">{description}</p>
      <form className="connect-form" noValidate onSubmit={onSubmit}>
        {fields.map((field) => (
          <FormField
            key={field.name}
            label={field.optional ? `${field.label} (optional)` : field.label}
            hint={field.hint}
            problem={problems[field.name]}
            value={values[field.name]}
            onChange={set(field.name)}
            name={field.name}
            type={field.secret ? 'password' : 'text'}
            autoComplete={field.secret ? 'new-password' : 'off'}
            spellCheck={false}
            required={!field.optional}
          />
        ))}
        <div className="connect-actions">
          <button type="submit" disabled={send.isPending}>
            {submitLabel}
          </button>
        </div>
      </form>
      <ActionOutcome pending={send.isPending} pendingText={pendingText} outcome={outcome} />
    </section>
  );
}
