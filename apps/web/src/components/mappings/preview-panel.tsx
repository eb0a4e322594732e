'use client';

import type { MappingPreviewData } from './mappings-query';
import { cellText, rowHeading } from './mappings-view';

/** The preview's rows: per row a table of its columns, the CRM's value beside the one the sync would write. */
export function PreviewPanel({ preview }: { preview: MappingPreviewData }) {
  return (
    <div className="mappings-preview">
      <p role="status">
        {preview.orderName
          ? `Order ${preview.orderName}: ${preview.rows.length} row${preview.rows.length === 1 ? '' : 's'} to write. Nothing was written.`
          : 'No order could be previewed.'}
      </p>
      {preview.warnings.length > 0 && (
        <details>
          <summary>Warnings ({preview.warnings.length})</summary>
          <ul>
            {preview.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </details>
      )}
      {preview.rows.map((row) => (
        <table key={`${row.table}:${row.key}`} className="preview-table">
          <caption>{rowHeading(row)}</caption>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">In the CRM now</th>
              <th scope="col">The sync would write</th>
              <th scope="col">Changed</th>
            </tr>
          </thead>
          <tbody>
            {row.columns.map((column) => (
              <tr key={column.column} className={column.changed ? 'changed' : column.kept ? 'kept' : undefined}>
                <th scope="row">
                  <code>{column.column}</code>
                </th>
                <td>{cellText(column.before)}</td>
                <td>{cellText(column.after)}</td>
                <td>{column.changed ? 'changed' : column.kept ? 'kept: the CRM value wins' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}
