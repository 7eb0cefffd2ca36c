/**
 * The support read model {@code payment_view}: one row per payment, its state as the aggregate
 * has it, and the searches and reports support and settlement ask of it. Depends on {@code api},
 * {@code org.socialledger.projection}, Spring JDBC and Axon's event handling only.
 */
package org.socialledger.support;
