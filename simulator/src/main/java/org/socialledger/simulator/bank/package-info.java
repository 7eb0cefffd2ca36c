/**
 * A faithful fake of the social processing service (bank-api.md): social cards and their money
 * rules ({@link BankLedger}), the HTTP API with idempotency by operation id, fault injection at
 * run time, and the ledger export reconciliation reads. Plain JDK HTTP server, starts in
 * milliseconds, embeddable in any test.
 */
package org.socialledger.simulator.bank;
