/**
 * What the read models share: how an event moves a payment's state (the aggregate's rule, for
 * readers) and how times cross JDBC. Depends on {@code api} and Spring JDBC only.
 */
package org.socialledger.projection;
