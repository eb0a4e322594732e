'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FieldProblems, problemId } from './field-problems';
import { fetchOrgAccounts, type OrgAccountData, type OrgDirectoryData } from './mappings-query';
import {
  idOrNull,
  LOCALE_EXAMPLES,
  localeProblem,
  type OwnerKind,
  ownerOf,
  ownerValue,
  type Problem,
  type Settings,
  text,
  valueAt,
} from './mappings-view';

/** The org's choices as the form has them: being read, read, or unreadable (the form then takes typed ids). */
export type DirectoryState =
  { status: 'loading' } | { status: 'ready'; directory: OrgDirectoryData } | { status: 'unavailable'; reason: string };

export interface OrgFieldProps {
  storeId: string;
  settings: Settings;
  problems: readonly Problem[];
  set: (path: string, value: unknown) => void;
  directory: DirectoryState;
}

const directoryOf = (state: DirectoryState) => (state.status === 'ready' ? state.directory : undefined);

/** Why a field takes a typed id rather than offering a choice; nothing while the org is read. */
function Fallback({ state, id }: { state: DirectoryState; id: string }) {
  if (state.status !== 'unavailable') return null;
  return (
    <p className="muted" id={id}>
      The CRM&apos;s list could not be read ({state.reason}); type the id instead.
    </p>
  );
}

/** The store's locale: a BCP 47 tag, checked as the settings schema checks it when the field is left. */
export function LocaleField({ settings, problems, set }: Omit<OrgFieldProps, 'storeId' | 'directory'>) {
  const saved = text(valueAt(settings, 'locale'), 'en-US');
  const [mistake, setMistake] = useState<string | null>(null);
  const shown = mistake ? [...problems, { path: 'locale', message: mistake }] : problems;
  return (
    <div className="mappings-field">
      <label htmlFor="setting-locale">Locale of the store&apos;s orders</label>
      <input
        id="setting-locale"
        defaultValue={saved}
        key={saved}
        spellCheck={false}
        onBlur={(event) => {
          const value = event.target.value.trim();
          setMistake(localeProblem(value));
          set('locale', value);
        }}
        aria-describedby={`${problemId('locale')} locale-hint`}
      />
      <p className="muted" id="locale-hint">
        A language tag, e.g. {LOCALE_EXAMPLES.join(', ')}. Kept on every order for reports across stores.
      </p>
      <FieldProblems problems={shown} path="locale" />
    </div>
  );
}

const KIND_LABELS: Record<OwnerKind, string> = {
  none: "The sync's application user",
  team: 'A team',
  user: 'A user',
};

/** Who owns the rows the store creates: the sync's application user, a team or a user of the org. */
export function OwnerFields({ settings, problems, set, directory }: OrgFieldProps) {
  const owner = ownerOf(settings);
  const listed = directoryOf(directory);
  const path = 'ownership.owner';
  const choices =
    owner.kind === 'team'
      ? (listed?.teams ?? []).map((team) => ({ id: team.id, label: team.name }))
      : (listed?.users ?? []).map((user) => ({
          id: user.id,
          label: `${user.fullName}${user.email ? ` <${user.email}>` : ''}${user.application ? ' (application user)' : ''}`,
        }));
  const known = choices.some((choice) => choice.id === owner.id);
  const what = owner.kind === 'team' ? 'team' : 'user';
  return (
    <div className="mappings-field">
      <label htmlFor="setting-ownership.owner.kind">Owner of the rows the store creates</label>
      <select
        id="setting-ownership.owner.kind"
        value={owner.kind}
        onChange={(event) => {
          const kind = event.target.value as OwnerKind;
          set(path, ownerValue(kind, kind === owner.kind ? owner.id : ''));
        }}
        aria-describedby={`${problemId(path)} owner-hint`}
      >
        {(Object.keys(KIND_LABELS) as OwnerKind[]).map((kind) => (
          <option key={kind} value={kind}>
            {KIND_LABELS[kind]}
          </option>
        ))}
      </select>
      <p className="muted" id="owner-hint">
        Set when a contact, account or order is created; rows that exist keep their owner.
      </p>
      {owner.kind !== 'none' && (
        <>
          <label htmlFor="setting-ownership.owner.id">Owning {what}</label>
          {listed ? (
            <select
              id="setting-ownership.owner.id"
              value={owner.id}
              onChange={(event) => set(path, ownerValue(owner.kind, event.target.value))}
              aria-describedby={problemId(path)}
            >
              <option value="">Choose a {what}</option>
              {!known && owner.id && <option value={owner.id}>{owner.id} (not among the org&apos;s choices)</option>}
              {choices.map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {choice.label}
                </option>
              ))}
            </select>
          ) : (
            <input
              id="setting-ownership.owner.id"
              defaultValue={owner.id}
              key={owner.id}
              placeholder="00000000-0000-0000-0000-000000000000"
              spellCheck={false}
              disabled={directory.status === 'loading'}
              onBlur={(event) => set(path, ownerValue(owner.kind, event.target.value))}
              aria-describedby={`${problemId(path)} owner-fallback`}
            />
          )}
          <Fallback state={directory} id="owner-fallback" />
        </>
      )}
      <FieldProblems problems={problems} path={path} />
    </div>
  );
}

/** The business unit of the rows the store creates; none: the owner's. */
export function BusinessUnitField({ settings, problems, set, directory }: OrgFieldProps) {
  const path = 'ownership.businessUnitId';
  const id = text(valueAt(settings, path));
  const listed = directoryOf(directory);
  const known = listed?.businessUnits.some((unit) => unit.id === id) ?? false;
  return (
    <div className="mappings-field">
      <label htmlFor="setting-ownership.businessUnitId">Business unit of the rows the store creates</label>
      {listed ? (
        <select
          id="setting-ownership.businessUnitId"
          value={id}
          onChange={(event) => set(path, idOrNull(event.target.value))}
          aria-describedby={problemId(path)}
        >
          <option value="">The owner&apos;s</option>
          {!known && id && <option value={id}>{id} (not among the org&apos;s enabled business units)</option>}
          {listed.businessUnits.map((unit) => (
            <option key={unit.id} value={unit.id}>
              {unit.name}
              {unit.parentId ? '' : ' (root)'}
            </option>
          ))}
        </select>
      ) : (
        <input
          id="setting-ownership.businessUnitId"
          defaultValue={id}
          key={id}
          placeholder="empty: the owner's"
          spellCheck={false}
          disabled={directory.status === 'loading'}
          onBlur={(event) => set(path, idOrNull(event.target.value))}
          aria-describedby={`${problemId(path)} business-unit-fallback`}
        />
      )}
      <Fallback state={directory} id="business-unit-fallback" />
      <FieldProblems problems={problems} path={path} />
    </div>
  );
}

/**
 * The account a B2C contact goes under: a search of the org's active accounts by name, and a choice among what it
 * found (the saved account is named too, found by its id). Without the org, the id is typed.
 */
export function ParentAccountField({ storeId, settings, problems, set, directory }: OrgFieldProps) {
  const path = 'customers.parentAccountId';
  const id = text(valueAt(settings, path));
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<{ accounts: OrgAccountData[]; for: string } | { failed: string }>();
  const saved = useQuery({
    queryKey: ['org-account', storeId, id],
    queryFn: ({ signal }) => fetchOrgAccounts(storeId, { id }, signal),
    enabled: directory.status === 'ready' && id !== '',
    retry: false,
  });
  const find = async () => {
    try {
      setFound({ accounts: await fetchOrgAccounts(storeId, { search: search.trim() }), for: search.trim() });
    } catch (error) {
      setFound({ failed: error instanceof Error ? error.message : String(error) });
    }
  };
  if (directory.status !== 'ready') {
    return (
      <div className="mappings-field">
        <label htmlFor="setting-customers.parentAccountId">Parent account of B2C contacts (id)</label>
        <input
          id="setting-customers.parentAccountId"
          defaultValue={id}
          key={id}
          placeholder="empty: none"
          spellCheck={false}
          disabled={directory.status === 'loading'}
          onBlur={(event) => set(path, idOrNull(event.target.value))}
          aria-describedby={`${problemId(path)} parent-account-fallback`}
        />
        <Fallback state={directory} id="parent-account-fallback" />
        <FieldProblems problems={problems} path={path} />
      </div>
    );
  }
  const current = saved.data?.[0];
  const results = found && 'accounts' in found ? found.accounts.filter((account) => account.id !== id) : [];
  return (
    <div className="mappings-field">
      <label htmlFor="parent-account-search">Find an account by name</label>
      <input
        id="parent-account-search"
        type="search"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            void find();
          }
        }}
      />
      <button type="button" onClick={() => void find()}>
        Find accounts
      </button>
      {found && (
        <p role="status" className="muted">
          {'failed' in found
            ? `The accounts could not be read: ${found.failed}`
            : `${found.accounts.length === 0 ? 'No' : found.accounts.length} active account${found.accounts.length === 1 ? '' : 's'} found${found.for ? ` for "${found.for}"` : ''}.`}
        </p>
      )}
      <label htmlFor="setting-customers.parentAccountId">Parent account of B2C contacts</label>
      <select
        id="setting-customers.parentAccountId"
        value={id}
        onChange={(event) => set(path, idOrNull(event.target.value))}
        aria-describedby={`${problemId(path)} parent-account-hint`}
      >
        <option value="">None</option>
        {id && (
          <option value={id}>
            {current
              ? `${current.name}${current.active ? '' : ' (inactive)'}`
              : saved.isPending
                ? id
                : `${id} (not found)`}
          </option>
        )}
        {results.map((account) => (
          <option key={account.id} value={account.id}>
            {account.name}
          </option>
        ))}
      </select>
      <p className="muted" id="parent-account-hint">
        A contact the store creates without an account of its own (no company) goes under it; set once, never moved.
      </p>
      <FieldProblems problems={problems} path={path} />
    </div>
  );
}
