/**
 * The published language of a social payment: value objects, commands (imperative), events
 * (past tense) and the refusals the aggregate answers with. Plain Java records; the only
 * framework type is Axon's {@code @TargetAggregateIdentifier} annotation.
 */
package org.socialledger.api.payment;
