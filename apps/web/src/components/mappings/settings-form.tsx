'use client';

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
import { BusinessUnitField, type DirectoryState, LocaleField, OwnerFields, ParentAccountField } from './org-fields';
import { PriceLists } from './price-lists';
import { PrivacyField, TwoWayFields } from './two-way-fields';

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

/**
 * The common settings of a store as a form; everything else is in the advanced JSON. What names a row of the CRM
 * (owner, business unit, parent account, price lists) is chosen from the store's org (`directory`), or typed as an id
 * when the org cannot be read.
 */
export function SettingsForm(props: FormProps & { storeId: string; directory: DirectoryState }) {
  const { settings, problems, set, storeId, directory } = props;
  const orgProps = { storeId, settings, problems, set, directory };
  const retention = valueAt(settings, 'pipeline.logRetentionDays');
  return (
    <div className="mappings-form">
      <fieldset>
        <legend>Ownership</legend>
        {directory.status === 'ready' && directory.directory.orgName && (
          <p className="muted">Chosen from {directory.directory.orgName}.</p>
        )}
        <OwnerFields {...orgProps} />
        <BusinessUnitField {...orgProps} />
      </fieldset>
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
        <ParentAccountField {...orgProps} />
      </fieldset>
      <fieldset>
        <legend>Orders</legend>
        <Choice
          {...props}
          path="orders.currency"
          label="Currency written: the shop's, or the customer's (presentment)"
          options={CHOICES.currency}
          fallback="shop"
        />
        <PriceLists
          key={JSON.stringify(valueAt(settings, 'orders.priceLists') ?? {})}
          initial={priceListRows(settings)}
          onChange={(rows) => set('orders.priceLists', priceListsOf(rows))}
          problems={problems}
          directory={directory}
        />
        <LocaleField settings={settings} problems={problems} set={set} />
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
      <TwoWayFields settings={settings} problems={problems} set={set} />
      <PrivacyField settings={settings} problems={problems} set={set} />
    </div>
  );
}
