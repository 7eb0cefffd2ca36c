/**
 * The operations journal {@code soc_processing_operations}, in the UKM 4 integrator's shape: one
 * row per money operation, built from the payment events and rebuilt by a replay. Depends on
 * {@code api}, {@code org.socialledger.projection}, Spring JDBC and Axon's event handling only.
 */
package org.socialledger.journal;
