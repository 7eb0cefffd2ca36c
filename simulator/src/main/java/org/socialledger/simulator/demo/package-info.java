/**
 * The one-command demo: embedded PostgreSQL and AMQP broker unless real ones are named, the
 * service started from its jar as its own process, the bank simulator, the till fleet, the
 * summary and the reconciliation.
 */
package org.socialledger.simulator.demo;
