/**
 * Rebuilding the read models while the service keeps working: a new generation of the projection
 * tables is built in a shadow schema by the projections' own handlers, then switched in atomically
 * together with the live processors' tokens. Never touches the saga or the till replies. Depends on
 * {@code projections} and Axon's storage only.
 */
package org.socialledger.replay;
