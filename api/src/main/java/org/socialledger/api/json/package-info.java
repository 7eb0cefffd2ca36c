/**
 * How the published language is written as JSON (the event store, exports). The one place in
 * {@code api} that knows Jackson; the types themselves stay plain records.
 */
package org.socialledger.api.json;
