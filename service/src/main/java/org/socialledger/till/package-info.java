/**
 * The till channel: the {@code soc_processing} RabbitMQ protocol of pos-protocol.md. Parses and
 * validates requests, turns them into commands exactly once per message_id, and answers from
 * the outcome events (or "pending" at the reply deadline). Depends on {@code api}, the
 * configuration cache and Axon's gateway/event store; knows nothing of the bank.
 */
package org.socialledger.till;
