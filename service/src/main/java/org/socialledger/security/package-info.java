/**
 * Who may see what over HTTP: users and roles from configuration (SUPPORT reads, AUDITOR reads
 * and audits, ADMIN configures), HTTP Basic, nothing but health open, refusals as RFC 7807.
 */
package org.socialledger.security;
