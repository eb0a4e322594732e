'use client';

import { FieldProblems, problemId } from './field-problems';
import {
  CRM_CREATES,
  type Problem,
  REDACT_CHOICES,
  type Settings,
  text,
  TWO_WAY_FIELDS,
  TWO_WAY_POLICIES,
  twoWayFieldsOf,
  twoWayPolicyOf,
  valueAt,
  withTwoWayField,
  withTwoWayPolicy,
} from './mappings-view';

interface Props {
  settings: Settings;
  problems: readonly Problem[];
  /** Sets the value at a dotted settings path. */
  set: (path: string, value: unknown) => void;
}

function PolicyOptions() {
  return TWO_WAY_POLICIES.map(({ policy, label }) => (
    <option key={policy} value={policy}>
      {label}
    </option>
  ));
}

/**
 * CRM edits flowing back to Shopify (issue 12): whether they do, which customer fields, what happens when a field was
 * edited on both sides since the last sync (per field, and the default), and what a contact created in the CRM does.
 */
export function TwoWayFields({ settings, problems, set }: Props) {
  const enabled = valueAt(settings, 'twoWay.enabled') === true;
  const fields = twoWayFieldsOf(settings);
  const defaultPolicy = text(valueAt(settings, 'twoWay.defaultConflictPolicy'), 'newestWins');
  const defaultLabel = TWO_WAY_POLICIES.find((entry) => entry.policy === defaultPolicy)?.label ?? defaultPolicy;
  return (
    <fieldset>
      <legend>Two-way (CRM to Shopify)</legend>
      <div className="mappings-field mappings-toggle">
        <input
          id="setting-twoWay.enabled"
          type="checkbox"
          checked={enabled}
          onChange={(event) => set('twoWay.enabled', event.target.checked)}
          aria-describedby={`two-way-hint ${problemId('twoWay.enabled')}`}
        />
        <label htmlFor="setting-twoWay.enabled">Send edits made in the CRM to Shopify</label>
        <p className="muted" id="two-way-hint">
          Off by default, since it writes to the shop: the customer&apos;s fields chosen below, changed in the CRM.
        </p>
        <FieldProblems problems={problems} path="twoWay.enabled" />
      </div>
      <fieldset className="mappings-field" aria-describedby={problemId('twoWay.fields')}>
        <legend>Fields the CRM may change in Shopify</legend>
        {TWO_WAY_FIELDS.map(({ field, label }) => (
          <div className="mappings-toggle" key={field}>
            <input
              id={`setting-twoWay.fields-${field}`}
              type="checkbox"
              checked={fields.includes(field)}
              onChange={(event) => set('twoWay.fields', withTwoWayField(settings, field, event.target.checked))}
            />
            <label htmlFor={`setting-twoWay.fields-${field}`}>{label}</label>
          </div>
        ))}
        <FieldProblems problems={problems} path="twoWay.fields" />
      </fieldset>
      <p className="muted" id="two-way-policy-hint">
        When a field was edited in the CRM and in Shopify since the last sync. &ldquo;Ask&rdquo;: a person decides in
        the merge queue which side to keep.
      </p>
      <div className="mappings-field">
        <label htmlFor="setting-twoWay.defaultConflictPolicy">Edited on both sides, by default</label>
        <select
          id="setting-twoWay.defaultConflictPolicy"
          value={defaultPolicy}
          onChange={(event) => set('twoWay.defaultConflictPolicy', event.target.value)}
          aria-describedby={`two-way-policy-hint ${problemId('twoWay.defaultConflictPolicy')}`}
        >
          <PolicyOptions />
        </select>
        <FieldProblems problems={problems} path="twoWay.defaultConflictPolicy" />
      </div>
      {TWO_WAY_FIELDS.map(({ field, label }) => {
        const path = `twoWay.conflictPolicy.${field}`;
        return (
          <div className="mappings-field" key={field}>
            <label htmlFor={`setting-${path}`}>{label} edited on both sides</label>
            <select
              id={`setting-${path}`}
              value={twoWayPolicyOf(settings, field)}
              onChange={(event) => set('twoWay.conflictPolicy', withTwoWayPolicy(settings, field, event.target.value))}
              aria-describedby={`two-way-policy-hint ${problemId(path)}`}
            >
              <option value="">As the default ({defaultLabel.toLowerCase()})</option>
              <PolicyOptions />
            </select>
            <FieldProblems problems={problems} path={path} />
          </div>
        );
      })}
      <div className="mappings-field">
        <label htmlFor="setting-twoWay.crmCreates">A contact created in the CRM</label>
        <select
          id="setting-twoWay.crmCreates"
          value={text(valueAt(settings, 'twoWay.crmCreates'), 'ignore')}
          onChange={(event) => set('twoWay.crmCreates', event.target.value)}
          aria-describedby={problemId('twoWay.crmCreates')}
        >
          {CRM_CREATES.map(({ value, label }) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <FieldProblems problems={problems} path="twoWay.crmCreates" />
      </div>
    </fieldset>
  );
}

/** What Shopify's `customers/redact` request does to the CRM's records. */
export function PrivacyField({ settings, problems, set }: Props) {
  const path = 'privacy.onRedact';
  return (
    <fieldset>
      <legend>Privacy requests</legend>
      <div className="mappings-field">
        <label htmlFor={`setting-${path}`}>When Shopify asks to erase a customer</label>
        <select
          id={`setting-${path}`}
          value={text(valueAt(settings, path), 'anonymize')}
          onChange={(event) => set(path, event.target.value)}
          aria-describedby={`privacy-hint ${problemId(path)}`}
        >
          {REDACT_CHOICES.map(({ value, label }) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <ul className="muted" id="privacy-hint">
          {REDACT_CHOICES.map(({ value, label, line }) => (
            <li key={value}>
              {label}: {line}.
            </li>
          ))}
        </ul>
        <FieldProblems problems={problems} path={path} />
      </div>
    </fieldset>
  );
}
