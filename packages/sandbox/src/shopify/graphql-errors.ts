/**
 * Errors worded as Shopify's Admin API words them. Shopify runs graphql-ruby, so a document that fails validation
 * gets graphql-ruby's messages and codes (`Field 'x' doesn't exist on type 'Y'`, extensions.code `undefinedField`);
 * graphql-js finds the same faults, and this file rewrites its messages into that form.
 */
import { type ASTNode, type DocumentNode, type GraphQLError, Kind, visit } from 'graphql';

/** An error in a GraphQL response body. */
export interface ShopifyError {
  message: string;
  locations?: { line: number; column: number }[];
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

type Rule = [RegExp, (m: RegExpExecArray) => { message: string; extensions: Record<string, unknown> }];

const RULES: Rule[] = [
  [
    /^Cannot query field "(\w+)" on type "(\w+)"\./,
    (m) => ({
      message: `Field '${m[1]}' doesn't exist on type '${m[2]}'`,
      extensions: { code: 'undefinedField', typeName: m[2], fieldName: m[1] },
    }),
  ],
  [
    /^Unknown argument "(\w+)" on field "(\w+)\.(\w+)"\./,
    (m) => ({
      message: `Field '${m[3]}' doesn't accept argument '${m[1]}'`,
      extensions: { code: 'argumentNotAccepted', name: m[3], typeName: 'Field', argumentName: m[1] },
    }),
  ],
  [
    /^Field "(\w+)" argument "(\w+)" of type "([^"]+)" is required, but it was not provided\./,
    (m) => ({
      message: `Field '${m[1]}' is missing required arguments: ${m[2]}`,
      extensions: { code: 'missingRequiredArguments', className: 'Field', name: m[1], arguments: m[2] },
    }),
  ],
  [
    /^Field "(\w+)" of type "([^"]+)" must have a selection of subfields/,
    (m) => ({
      message: `Field must have selections (field '${m[1]}' returns ${(m[2] ?? '').replace(/[[\]!]/g, '')} but has no selections. Did you mean '${m[1]} { ... }'?)`,
      extensions: {
        code: 'selectionMismatch',
        nodeName: `field '${m[1]}'`,
        typeName: (m[2] ?? '').replace(/[[\]!]/g, ''),
      },
    }),
  ],
  [
    /^Field "(\w+)" must not have a selection since type "([^"]+)" has no subfields\./,
    (m) => ({
      message: `Selections can't be made on scalars (field '${m[1]}' returns ${m[2]} but has selections [...])`,
      extensions: { code: 'selectionMismatch', nodeName: `field '${m[1]}'`, typeName: m[2] },
    }),
  ],
  [
    /^Unknown type "(\w+)"\./,
    (m) => ({
      message: `No such type ${m[1]}, so it can't be a fragment condition`,
      extensions: { code: 'undefinedType', typeName: m[1] },
    }),
  ],
  [
    /^Variable "\$(\w+)" is never used/,
    (m) => ({
      message: `Variable $${m[1]} is declared by anonymous query but not used`,
      extensions: { code: 'variableNotUsed', variableName: m[1] },
    }),
  ],
  [
    /^Variable "\$(\w+)" is not defined/,
    (m) => ({
      message: `Variable $${m[1]} is used by anonymous query but not declared`,
      extensions: { code: 'variableNotDefined', variableName: m[1] },
    }),
  ],
  [
    /^Variable "\$(\w+)" (?:got invalid value|of required type "([^"]+)" was not provided)(.*)/s,
    (m) => ({
      message: `Variable $${m[1]} of type ${m[2] ?? 'input'} was provided invalid value`,
      extensions: {
        code: 'INVALID_VARIABLE',
        problems: [{ path: [], explanation: (m[3] ?? '').replace(/^[;:]\s*/, '').trim() }],
      },
    }),
  ],
];

/**
 * graphql-ruby's path of a node in a document: the operation ("query", "query Name", "mutation Name") or
 * "fragment Name", then the response keys of the fields down to the node (and an argument's name), inline
 * fragments as "... on Type".
 */
function staticPath(document: DocumentNode, target: ASTNode): string[] | undefined {
  let found: string[] | undefined;
  visit(document, {
    enter(node, _key, _parent, _path, ancestors) {
      if (node !== target) return undefined;
      const chain = [...ancestors, node].filter(
        (a): a is ASTNode => !Array.isArray(a) && typeof a === 'object' && 'kind' in a,
      );
      found = chain.flatMap((a): string[] => {
        if (a.kind === Kind.OPERATION_DEFINITION) return [a.name ? `${a.operation} ${a.name.value}` : a.operation];
        if (a.kind === Kind.FRAGMENT_DEFINITION) return [`fragment ${a.name.value}`];
        if (a.kind === Kind.FIELD) return [a.alias?.value ?? a.name.value];
        if (a.kind === Kind.ARGUMENT) return [a.name.value];
        if (a.kind === Kind.INLINE_FRAGMENT)
          return a.typeCondition ? [`... on ${a.typeCondition.name.value}`] : ['...'];
        return [];
      });
      return false;
    },
  });
  return found;
}

/** One graphql-js error in Shopify's words (unknown messages keep graphql-js's text, with a code). */
export function toShopifyError(error: GraphQLError, document?: DocumentNode): ShopifyError {
  const locations = error.locations?.map((l) => ({ line: l.line, column: l.column }));
  if (error.message.startsWith('Syntax Error:')) {
    const where = locations?.[0];
    return {
      message: `Parse error on ${error.message.replace(/^Syntax Error:\s*/, '')}${where ? ` at [${where.line}, ${where.column}]` : ''}`,
      locations,
    };
  }
  for (const [pattern, rewrite] of RULES) {
    const match = pattern.exec(error.message);
    if (match) {
      const node = error.nodes?.[0];
      const path = document && node ? staticPath(document, node) : undefined;
      const { message, extensions } = rewrite(match);
      return { message, locations, ...(path ? { path } : {}), extensions };
    }
  }
  const extensions = error.extensions && Object.keys(error.extensions).length ? { ...error.extensions } : undefined;
  return {
    message: error.message,
    ...(locations ? { locations } : {}),
    ...(error.path ? { path: [...error.path] } : {}),
    ...(extensions ? { extensions } : { extensions: { code: 'validationError' } }),
  };
}
