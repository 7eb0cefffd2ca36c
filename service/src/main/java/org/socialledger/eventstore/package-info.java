/**
 * How Axon stores events, tokens, sagas and dead letters in PostgreSQL: snake_case table names
 * matching the Flyway schema in {@code migrations}, and JSON (Jackson) for every payload.
 */
package org.socialledger.eventstore;
