package org.socialledger.till;

/** The message_id was recorded meanwhile (a redelivery or another instance): act once only. */
class DuplicateTillRequestException extends RuntimeException {

    DuplicateTillRequestException(String messageId) {
        super("till request " + messageId + " is already recorded", null, false, false);
    }
}
