'use client';

import { FieldProblems, problemId } from './field-problems';
import type { FieldSourceOption } from './mappings-query';
import { ENTITIES, type Entity, type FieldMapRow, fieldMapRows, type Problem, type Settings } from './mappings-view';

interface FieldMapEditorProps {
  settings: Settings;
  sources: { entity: string; sources: FieldSourceOption[] }[];
  problems: readonly Problem[];
  setRows: (entity: Entity, rows: FieldMapRow[]) => void;
}

const ADD_LABELS: Record<Entity, string> = {
  contact: 'a contact column',
  account: 'an account column',
  salesorder: 'a sales order column',
};

function describe(source: FieldSourceOption): string {
  const length = source.maxLength === null ? '' : `, up to ${source.maxLength} characters`;
  return `${source.name}: ${source.label} (${source.type}${length})`;
}

/** The field map: per entity, rows of a Shopify source and the CRM column it is written to. */
export function FieldMapEditor({ settings, sources, problems, setRows }: FieldMapEditorProps) {
  return (
    <div className="field-map">
      {ENTITIES.map(({ entity, label }) => {
        const rows = fieldMapRows(settings, entity);
        const options = sources.find((group) => group.entity === entity)?.sources ?? [];
        const change = (index: number, patch: Partial<FieldMapRow>) =>
          setRows(
            entity,
            rows.map((row, at) => (at === index ? { ...row, ...patch } : row)),
          );
        const headingId = `field-map-${entity}`;
        return (
          <section key={entity} className="field-map-entity" aria-labelledby={headingId}>
            <h3 id={headingId}>{label}</h3>
            {rows.length === 0 ? (
              <p className="muted">No extra columns: the sync writes its own columns only.</p>
            ) : (
              <ol className="mappings-rows">
                {rows.map((row, index) => {
                  const path = `fieldMap.${entity}.${index}`;
                  return (
                    <li key={index}>
                      <label htmlFor={`${path}.source`}>Shopify field</label>
                      <select
                        id={`${path}.source`}
                        value={row.source}
                        onChange={(event) => change(index, { source: event.target.value })}
                        aria-describedby={problemId(`${path}.source`)}
                      >
                        <option value="">Choose a field</option>
                        {options.map((option) => (
                          <option key={option.name} value={option.name}>
                            {describe(option)}
                          </option>
                        ))}
                      </select>
                      <label htmlFor={`${path}.column`}>CRM column</label>
                      <input
                        id={`${path}.column`}
                        value={row.column}
                        placeholder="new_column"
                        spellCheck={false}
                        onChange={(event) => change(index, { column: event.target.value.trim() })}
                        aria-describedby={problemId(`${path}.column`)}
                      />
                      <button
                        type="button"
                        onClick={() =>
                          setRows(
                            entity,
                            rows.filter((_row, at) => at !== index),
                          )
                        }
                      >
                        Remove {row.column || `row ${index + 1}`}
                      </button>
                      <FieldProblems problems={problems} path={`${path}.source`} />
                      <FieldProblems problems={problems} path={`${path}.column`} />
                    </li>
                  );
                })}
              </ol>
            )}
            <FieldProblems
              problems={problems.filter((problem) => problem.path === `fieldMap.${entity}`)}
              path={`fieldMap.${entity}`}
            />
            <button type="button" onClick={() => setRows(entity, [...rows, { source: '', column: '' }])}>
              Add {ADD_LABELS[entity]}
            </button>
          </section>
        );
      })}
    </div>
  );
}
