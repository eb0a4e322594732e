import { ApolloServer } from '@apollo/server';
import type { GraphQLContext } from './context';
import { mergeQueueTypeDefs } from './merge-queue-schema';
import { attemptsTypeDefs } from './attempts-schema';
import { backfillsTypeDefs } from './backfills-schema';
import { deadLettersTypeDefs } from './dead-letters-schema';
import { graphqlIntrospectionEnv } from '../../env';
import { costLimitPlugin, depthLimit, introspectionEnabled } from './limits';
import { resolvers } from './resolvers';
import { apiTokensTypeDefs } from './api-tokens-schema';
import { auditEventsTypeDefs } from './audit-events-schema';
import { typeDefs } from './schema';
import { statsTypeDefs } from './stats-schema';
import { storesTypeDefs } from './stores-schema';
import { orgsTypeDefs } from './orgs-schema';
import { mappingsTypeDefs } from './mappings-schema';
import { reportsTypeDefs } from './reports-schema';

/**
 * The Apollo server behind `/api/graphql`. Every operation is checked against the depth and cost limits (limits.ts);
 * introspection is off in production unless SHOPVERSE_GRAPHQL_INTROSPECTION=on (reporting tools discover the schema).
 */
export function createGraphQLServer(): ApolloServer<GraphQLContext> {
  return new ApolloServer<GraphQLContext>({
    typeDefs: [
      typeDefs,
      mergeQueueTypeDefs,
      attemptsTypeDefs,
      deadLettersTypeDefs,
      statsTypeDefs,
      backfillsTypeDefs,
      apiTokensTypeDefs,
      auditEventsTypeDefs,
      storesTypeDefs,
      orgsTypeDefs,
      mappingsTypeDefs,
      reportsTypeDefs,
    ],
    resolvers,
    validationRules: [depthLimit()],
    plugins: [costLimitPlugin<GraphQLContext>()],
    introspection: introspectionEnabled(graphqlIntrospectionEnv()),
  });
}
