/**
 * The auditors' command line: {@code java -jar service.jar --ledger.audit.command=verify|export|replay}
 * runs one audit command against the database in a small application of its own (no web server,
 * no till listener, no saga, no event processors) and exits with 0 or 1.
 */
package org.socialledger.cli;
