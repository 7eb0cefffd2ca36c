package org.socialledger.till;

/** A request refused before it reached a payment: a code and a sentence for support. */
public class TillRequestException extends RuntimeException {

    private final ErrorCode code;

    public TillRequestException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
