import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_LENGTHS, CONTACT_LENGTHS } from './crm-lengths';

/** Every `sourceName` (the Dataverse logical name) in a CDM document with its `maximumLength`. */
function cdmLengths(file: string): Map<string, number> {
  const found = new Map<string, number>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.sourceName === 'string' && typeof record.maximumLength === 'number') {
        found.set(record.sourceName, record.maximumLength);
      }
      Object.values(record).forEach(walk);
    }
  };
  walk(JSON.parse(readFileSync(new URL(`../../../../reference/dataverse/cdm/${file}`, import.meta.url), 'utf8')));
  return found;
}

describe('CONTACT_LENGTHS', () => {
  it('are the lengths in Microsoft’s CDM schema of contact', () => {
    const cdm = cdmLengths('Contact.cdm.json');
    for (const [column, length] of Object.entries(CONTACT_LENGTHS))
      expect([column, cdm.get(column)]).toEqual([column, length]);
  });
});

describe('ACCOUNT_LENGTHS', () => {
  it('are the lengths in Microsoft’s CDM schema of account', () => {
    // crmCommon_Account.cdm.json extends Account.cdm.json; a column redefined there would win.
    const cdm = new Map([...cdmLengths('Account.cdm.json'), ...cdmLengths('crmCommon_Account.cdm.json')]);
    for (const [column, length] of Object.entries(ACCOUNT_LENGTHS))
      expect([column, cdm.get(column)]).toEqual([column, length]);
  });
});
