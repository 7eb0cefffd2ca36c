/**
 * The social processing service as the ledger sees it: a port ({@link SocialProcessingService})
 * with the calls of bank-api.md, and its HTTP adapter wrapped in resilience4j (time limit,
 * retry of safe calls, circuit breaker and bulkhead per merchant url). Depends on {@code api}.
 */
package org.socialledger.bank;
