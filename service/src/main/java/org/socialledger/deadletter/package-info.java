/**
 * Events a read model could not handle, parked per payment in Axon's dead-letter queue: listed for
 * support, retried or evicted by an administrator. Depends on Axon's processing configuration only.
 */
package org.socialledger.deadletter;
