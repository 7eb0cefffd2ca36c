/**
 * The support and audit HTTP API over the read models ({@code projections}) and the event store:
 * search payments, one payment's whole story with causes, the daily lists. JSON, RFC 7807 errors,
 * OpenAPI at /v3/api-docs; the support page (static/support/) that reads it in a browser. Reads only:
 * nothing here acts on a payment.
 */
package org.socialledger.support.web;
