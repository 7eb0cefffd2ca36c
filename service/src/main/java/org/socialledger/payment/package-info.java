/**
 * The command side of a social payment: the {@code SocialPayment} aggregate and the rules it
 * keeps, including the one-active-payment-per-receipt claim. Depends on {@code api} only (plus
 * Axon and a JdbcTemplate for the claim table).
 */
package org.socialledger.payment;
