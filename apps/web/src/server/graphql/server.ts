import { ApolloServer } from '@apollo/server';
import type { GraphQLContext } from './context';
import { mergeQueueTypeDefs } from './merge-queue-schema';
import { attemptsTypeDefs } from './attempts-schema';
import { backfillsTypeDefs } from './backfills-schema';
import { deadLettersTypeDefs } from './dead-letters-schema';
import { resolvers } from './resolvers';
import { apiTokensTypeDefs } from './api-tokens-schema';
import { auditEventsTypeDefs } from './audit-events-schema';
import { typeDefs } from './schema';
import { statsTypeDefs } from './stats-schema';

/** The Apollo server behind `/api/graphql`; introspection stays on because reporting tools discover the schema. */
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
    ],
    resolvers,
    introspection: true,
  });
}
