/**
 * Simulated UKM 4 tills: they speak only pos-protocol.md over AMQP, run realistic receipts
 * through the scenarios of a shop day, check every reply against what the social processing
 * service's rules predict, and measure latency per operation.
 */
package org.socialledger.simulator.till;
