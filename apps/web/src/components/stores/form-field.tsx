'use client';

import { useId, type InputHTMLAttributes } from 'react';

/**
 * One labelled input of a connect form, with its hint and its problem (from the form's own check or the server's
 * refusal, which names the argument) tied to it by `aria-describedby`.
 */
export function FormField({
  label,
  hint,
  problem,
  value,
  onChange,
  ...input
}: {
  label: string;
  hint?: string;
  problem?: string | undefined;
  value: string;
  onChange: (value: string) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'id'>) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ');
  return (
    <div className="connect-field" data-invalid={problem ? 'true' : undefined}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={described || undefined}
        {...input}
      />
      {hint && (
        <p id={`${id}-hint`} className="muted connect-hint">
          {hint}
        </p>
      )}
      {problem && (
        <p id={`${id}-problem`} className="connect-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
