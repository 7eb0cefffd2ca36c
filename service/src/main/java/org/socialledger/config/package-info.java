/**
 * The integrator's configuration tables (stores, merchants, terminals): read, validated row by
 * row, cached with a short refresh so edits apply without a restart, and resolved into the
 * {@code MerchantSettings} a payment starts under. Depends on {@code api} and JDBC only.
 */
package org.socialledger.config;
