'use client';

import { useState } from 'react';
import { FieldProblems, problemId } from './field-problems';
import type { DirectoryState } from './org-fields';
import { type PriceListOption, priceListChoices, priceListLabel, type Problem } from './mappings-view';

type PriceListRow = { currency: string; id: string };

/**
 * Price lists per currency: rows kept here while typed (a row without its currency yet is not in the settings), and
 * written to the settings when a field is left or a list chosen. A row offers the org's lists in its currency; without
 * the org's lists, the id is typed. The parent renews it when the settings change from elsewhere.
 */
export function PriceLists(props: {
  initial: PriceListRow[];
  onChange: (rows: PriceListRow[]) => void;
  problems: readonly Problem[];
  directory: DirectoryState;
}) {
  const [rows, setRows] = useState(props.initial);
  const lists: PriceListOption[] | undefined =
    props.directory.status === 'ready' ? props.directory.directory.priceLists : undefined;
  const update = (next: PriceListRow[]) => {
    setRows(next);
    props.onChange(next);
  };
  // A problem of a currency no row shows (typed in the JSON) is listed under the rows.
  const shownInRows = new Set(
    rows.filter((row) => row.currency.trim()).map((row) => `orders.priceLists.${row.currency.trim().toUpperCase()}`),
  );
  const edit = (index: number, change: Partial<PriceListRow>) =>
    update(rows.map((row, at) => (at === index ? { ...row, ...change } : row)));
  return (
    <div className="mappings-field">
      <span className="mappings-label" id="price-lists-label">
        Price list per currency
      </span>
      {rows.length === 0 && <p className="muted">No price lists: orders are written without one.</p>}
      {props.directory.status === 'unavailable' && (
        <p className="muted">
          The CRM&apos;s price lists could not be read ({props.directory.reason}); type each list&apos;s id instead.
        </p>
      )}
      <ul className="mappings-rows" aria-labelledby="price-lists-label">
        {rows.map((row, index) => {
          const path = `orders.priceLists.${row.currency.trim().toUpperCase()}`;
          const described = row.currency.trim() ? problemId(path) : undefined;
          return (
            <li key={index}>
              <label htmlFor={`price-list-currency-${index}`}>Currency</label>
              <input
                id={`price-list-currency-${index}`}
                className="mappings-currency"
                defaultValue={row.currency}
                placeholder="EUR"
                onBlur={(event) => edit(index, { currency: event.target.value })}
                aria-describedby={described}
              />
              <label htmlFor={`price-list-id-${index}`}>Price list</label>
              {lists ? (
                <select
                  id={`price-list-id-${index}`}
                  value={row.id}
                  onChange={(event) => {
                    // A row without its currency yet takes the chosen list's.
                    const chosen = lists.find((list) => list.id === event.target.value);
                    edit(index, {
                      id: event.target.value,
                      ...(!row.currency.trim() && chosen?.currency ? { currency: chosen.currency } : {}),
                    });
                  }}
                  aria-describedby={described}
                >
                  <option value="">Choose a price list</option>
                  {row.id && !lists.some((list) => list.id === row.id) && (
                    <option value={row.id}>{row.id} (not among the org&apos;s active price lists)</option>
                  )}
                  {priceListChoices(lists, row.currency, row.id).map((list) => (
                    <option key={list.id} value={list.id}>
                      {priceListLabel(list, row.currency)}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={`price-list-id-${index}`}
                  defaultValue={row.id}
                  placeholder="the pricelevelid"
                  disabled={props.directory.status === 'loading'}
                  onBlur={(event) => edit(index, { id: event.target.value })}
                  aria-describedby={described}
                />
              )}
              <button type="button" onClick={() => update(rows.filter((_row, at) => at !== index))}>
                Remove {row.currency || 'this price list'}
              </button>
              {row.currency.trim() && <FieldProblems problems={props.problems} path={path} />}
            </li>
          );
        })}
      </ul>
      <button type="button" onClick={() => setRows([...rows, { currency: '', id: '' }])}>
        Add a price list
      </button>
      <FieldProblems
        problems={props.problems.filter((problem) => !shownInRows.has(problem.path))}
        path="orders.priceLists"
      />
    </div>
  );
}
