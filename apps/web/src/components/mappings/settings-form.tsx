'use client';

import { useState } from 'react';
import { FieldProblems, problemId } from './field-problems';
import {
  CHOICES,
  matchingKeysText,
  parseMatchingKeys,
  type Problem,
  priceListRows,
  priceListsOf,
  type Settings,
  text,
  valueAt,
} from './mappings-view';

interface FormProps {
  settings: Settings;
  problems: readonly Problem[];
  /** Sets the value at a dotted settings path. */
  set: (path: string, value: unknown) => void;
}

function Choice({
  path,
  label,
  options,
  fallback,
  ...props
}: FormProps & { path: string; label: string; options: readonly string[]; fallback: string }) {
  const id = `setting-${path}`;
  return (
    <div className="mappings-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={text(valueAt(props.settings, path), fallback)}
        onChange={(event) => props.set(path, event.target.value)}
        aria-describedby={problemId(path)}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      <FieldProblems problems={props.problems} path={path} />
    </div>
  );
}

function Toggle({ path, label, fallback, ...props }: FormProps & { path: string; label: string; fallback: boolean }) {
  const id = `setting-${path}`;
  const value = valueAt(props.settings, path);
  return (
    <div className="mappings-field mappings-toggle">
      <input
        id={id}
        type="checkbox"
        checked={typeof value === 'boolean' ? value : fallback}
        onChange={(event) => props.set(path, event.target.checked)}
        aria-describedby={problemId(path)}
      />
      <label htmlFor={id}>{label}</label>
      <FieldProblems problems={props.problems} path={path} />
    </div>
  );
}

type PriceListRow = { currency: string; id: string };

/**
 * Price lists per currency: rows kept here while typed (a row without its currency yet is not in the settings), and
 * written to the settings when a field is left. The parent renews it when the settings change from elsewhere.
 */
function PriceLists(props: {
  initial: PriceListRow[];
  onChange: (rows: PriceListRow[]) => void;
  problems: readonly Problem[];
}) {
  const [rows, setRows] = useState(props.initial);
  const update = (next: PriceListRow[]) => {
    setRows(next);
    props.onChange(next);
  };
  const edit = (index: number, change: Partial<PriceListRow>) =>
    update(rows.map((row, at) => (at === index ? { ...row, ...change } : row)));
  return (
    <div className="mappings-field">
      <span className="mappings-label" id="price-lists-label">
        Price list per currency
      </span>
      {rows.length === 0 && <p className="muted">No price lists: orders are written without one.</p>}
      <ul className="mappings-rows" aria-labelledby="price-lists-label">
        {rows.map((row, index) => (
          <li key={index}>
            <label htmlFor={`price-list-currency-${index}`}>Currency</label>
            <input
              id={`price-list-currency-${index}`}
              className="mappings-currency"
              defaultValue={row.currency}
              placeholder="EUR"
              onBlur={(event) => edit(index, { currency: event.target.value })}
            />
            <label htmlFor={`price-list-id-${index}`}>Price list id</label>
            <input
              id={`price-list-id-${index}`}
              defaultValue={row.id}
              onBlur={(event) => edit(index, { id: event.target.value })}
            />
            <button type="button" onClick={() => update(rows.filter((_row, at) => at !== index))}>
              Remove {row.currency || 'this price list'}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => setRows([...rows, { currency: '', id: '' }])}>
        Add a price list
      </button>
      <FieldProblems problems={props.problems} path="orders.priceLists" />
    </div>
  );
}

/** The common settings of a store as a form; everything else is in the advanced JSON. */
export function SettingsForm(props: FormProps) {
  const { settings, problems, set } = props;
  const retention = valueAt(settings, 'pipeline.logRetentionDays');
  return (
    <div className="mappings-form">
      <fieldset>
        <legend>Customers</legend>
        <Choice
          {...props}
          path="customers.target"
          label="Customers go to"
          options={CHOICES.customerTarget}
          fallback="contact"
        />
        <div className="mappings-field">
          <label htmlFor="setting-customers.matchingKeys">Matching keys, in the order tried</label>
          <input
            id="setting-customers.matchingKeys"
            defaultValue={matchingKeysText(settings)}
            key={matchingKeysText(settings)}
            onBlur={(event) => set('customers.matchingKeys', parseMatchingKeys(event.target.value))}
            aria-describedby={`${problemId('customers.matchingKeys')} matching-keys-hint`}
          />
          <p className="muted" id="matching-keys-hint">
            Comma separated, from: {CHOICES.matchKey.join(', ')}.
          </p>
          <FieldProblems problems={problems} path="customers.matchingKeys" />
        </div>
        <Choice
          {...props}
          path="customers.defaultConflictPolicy"
          label="When Shopify and the CRM disagree"
          options={CHOICES.conflictPolicy}
          fallback="newestWins"
        />
        <Choice
          {...props}
          path="customers.guestCheckouts"
          label="Guest checkouts"
          options={CHOICES.guestCheckouts}
          fallback="matchOrCreate"
        />
      </fieldset>
      <fieldset>
        <legend>Orders</legend>
        <Choice {...props} path="orders.currency" label="Currency written" options={CHOICES.currency} fallback="shop" />
        <PriceLists
          key={JSON.stringify(valueAt(settings, 'orders.priceLists') ?? {})}
          initial={priceListRows(settings)}
          onChange={(rows) => set('orders.priceLists', priceListsOf(rows))}
          problems={problems}
        />
      </fieldset>
      <fieldset>
        <legend>Sync</legend>
        <Choice {...props} path="countryAs" label="Country written as" options={CHOICES.countryAs} fallback="name" />
        <Toggle {...props} path="pipeline.dryRun" label="Dry run: write nothing to the CRM" fallback={false} />
        <Toggle {...props} path="pipeline.pollEnabled" label="Poll Shopify for missed changes" fallback={true} />
        <div className="mappings-field">
          <label htmlFor="setting-pipeline.logRetentionDays">Keep the sync log (days)</label>
          <input
            id="setting-pipeline.logRetentionDays"
            type="number"
            min={1}
            max={3650}
            value={typeof retention === 'number' ? retention : 30}
            onChange={(event) => set('pipeline.logRetentionDays', Number(event.target.value))}
            aria-describedby={problemId('pipeline.logRetentionDays')}
          />
          <FieldProblems problems={problems} path="pipeline.logRetentionDays" />
        </div>
      </fieldset>
    </div>
  );
}
