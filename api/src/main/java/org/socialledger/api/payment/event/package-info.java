/**
 * Events of a social payment: the published language and the audit trail. Past tense,
 * immutable, each carrying everything a reader needs (no lookups to interpret it).
 */
package org.socialledger.api.payment.event;
