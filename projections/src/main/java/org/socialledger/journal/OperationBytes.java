package org.socialledger.journal;

import java.nio.ByteBuffer;
import java.util.UUID;

/** The journal's binary ids: a UUID as its 16 bytes, most significant first (as uuid_send). */
final class OperationBytes {

    private OperationBytes() {
    }

    static byte[] of(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }

    static UUID uuid(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length != 16) {
            throw new IllegalArgumentException("an operation id is 16 bytes, got " + bytes.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
