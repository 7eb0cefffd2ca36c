/**
 * Commands to a {@code SocialPayment}: imperative names, one record per file. {@code Request...}
 * and {@code ConfirmPayment} come from the till (or the saga's expiry); {@code Record...} bring
 * the social processing service's answers in; each names the operation it is about.
 */
package org.socialledger.api.payment.command;
