import { describe, expect, it } from 'vitest';
import { createContext } from './context';
import { cloneTable, loadReferenceMetadata } from './metadata/catalog';
import { parseJson, type JsonValue } from './json';
import { cascadeDeletesOf, writeMetadata } from './metadata-create';
import { RowStore } from './store';

/** Custom tables through the metadata API: notes (HasNotes) and a relationship's cascade on delete. */

const ORIGIN = 'http://127.0.0.1:4002';

function freshContext() {
  return createContext({
    name: ORIGIN,
    now: () => new Date('2026-01-01T00:00:00Z'),
    store: new RowStore(),
    tables: loadReferenceMetadata().tables.map(cloneTable),
    keyActivationMs: 0,
  });
}

/** A request body as the router hands it over (numbers kept as JsonNumber). */
function body(value: unknown): JsonValue {
  return parseJson(JSON.stringify(value));
}

function table(schemaName: string, hasNotes: boolean): JsonValue {
  return body({
    '@odata.type': 'Microsoft.Dynamics.CRM.EntityMetadata',
    SchemaName: schemaName,
    OwnershipType: 'UserOwned',
    HasNotes: hasNotes,
    Attributes: [
      {
        '@odata.type': 'Microsoft.Dynamics.CRM.StringAttributeMetadata',
        SchemaName: 'sv_name',
        MaxLength: 100,
        IsPrimaryName: true,
      },
    ],
  });
}

describe('custom tables', () => {
  it('HasNotes makes the table a target of the note objectid lookup, and only then', () => {
    // Setup
    const context = freshContext();
    const before = context.tables.get('annotation')?.columns.get('objectid')?.targets ?? [];

    // Action
    writeMetadata(context, [{ name: 'EntityDefinitions' }], table('sv_withnotes', true), ORIGIN);
    writeMetadata(context, [{ name: 'EntityDefinitions' }], table('sv_withoutnotes', false), ORIGIN);

    // Assertions
    const after = context.tables.get('annotation')?.columns.get('objectid')?.targets ?? [];
    expect(after).toEqual([...before, 'sv_withnotes']);
    expect(context.collections).toContainEqual({
      from: 'sv_withnotes',
      name: 'sv_withnotes_Annotations',
      to: 'annotation',
      column: 'objectid',
    });
    // Another org's metadata is untouched: the reference tables are cloned per org.
    expect(freshContext().tables.get('annotation')?.columns.get('objectid')?.targets).toEqual(before);
  });

  it('records a relationship whose CascadeConfiguration.Delete is Cascade, and not one that removes the link', () => {
    // Setup
    const context = freshContext();
    for (const name of ['sv_parent', 'sv_child', 'sv_other'])
      writeMetadata(context, [{ name: 'EntityDefinitions' }], table(name, false), ORIGIN);
    const relationship = (child: string, lookup: string, deletion: string): JsonValue =>
      body({
        '@odata.type': 'Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata',
        SchemaName: `sv_parent_${child}`,
        ReferencedEntity: 'sv_parent',
        ReferencedAttribute: 'sv_parentid',
        ReferencingEntity: child,
        CascadeConfiguration: { Assign: 'Cascade', Delete: deletion, Merge: 'NoCascade', Reparent: 'Cascade' },
        Lookup: {
          '@odata.type': 'Microsoft.Dynamics.CRM.LookupAttributeMetadata',
          AttributeType: 'Lookup',
          SchemaName: lookup,
        },
      });

    // Action
    writeMetadata(
      context,
      [{ name: 'RelationshipDefinitions' }],
      relationship('sv_child', 'sv_parentid', 'Cascade'),
      ORIGIN,
    );
    writeMetadata(
      context,
      [{ name: 'RelationshipDefinitions' }],
      relationship('sv_other', 'sv_parentid', 'RemoveLink'),
      ORIGIN,
    );

    // Assertions
    expect(cascadeDeletesOf(context, 'sv_parent')).toEqual([{ table: 'sv_child', column: 'sv_parentid' }]);
    expect(cascadeDeletesOf(context, 'sv_child')).toEqual([]);
    expect(context.tables.get('sv_other')?.columns.get('sv_parentid')?.targets).toEqual(['sv_parent']);
  });
});
