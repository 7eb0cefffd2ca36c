/**
 * Fault drills: the whole system on the local PostgreSQL and RabbitMQ under till load while
 * something breaks (the service killed, the broker or the database restarted, the social
 * processing service misbehaving or away, tills sending duplicates and garbage), each ending
 * with the same invariant check: nothing lost, nothing doubled, every till answered, every
 * payment's history intact.
 */
package org.socialledger.simulator.drill;
