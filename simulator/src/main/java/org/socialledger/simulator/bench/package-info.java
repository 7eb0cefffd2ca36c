/**
 * The end-to-end benchmark: the till fleet through the broker, the service, the bank simulator
 * in this process, measured the way a retailer would see it (complete payments per second,
 * reply latency per operation) plus the service's CPU and memory. {@code bench/run} adds the
 * PostgreSQL ceiling and the replay and writes BENCHMARKS.md.
 */
package org.socialledger.simulator.bench;
