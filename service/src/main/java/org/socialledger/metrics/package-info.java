/**
 * What the service measures about itself for operators (besides Spring Boot's and resilience4j's
 * own meters): how far each event processor lags and how many messages Axon handled and failed.
 */
package org.socialledger.metrics;
