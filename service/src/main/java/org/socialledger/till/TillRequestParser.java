package org.socialledger.till;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.socialledger.api.payment.Card;
import org.socialledger.api.payment.CardHash;
import org.socialledger.api.payment.MaskedPan;
import org.socialledger.api.payment.Money;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.api.payment.Quantity;
import org.socialledger.api.payment.Receipt;
import org.socialledger.api.payment.ReceiptId;
import org.socialledger.api.payment.ReceiptLine;
import org.socialledger.api.payment.SocialLine;
import org.socialledger.api.payment.StoreId;
import org.socialledger.api.payment.TerminalId;

/**
 * Reads a till request body. Wrong shapes (not JSON, a missing field, text where a number
 * belongs) are MALFORMED; well-formed but impossible values (negative money, a total that does
 * not add up, a full card number) are VALIDATION. Every message names the field.
 */
public final class TillRequestParser {

    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** A request with the fingerprint of its body, the idempotency check of a repeated message_id. */
    public record Parsed(TillRequest request, String fingerprint) {
    }

    public Parsed parse(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw malformed("the body cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw malformed("the body must be a JSON object");
        }
        String operation = text(root, "operation");
        TillRequest request = switch (operation) {
            case "reserve" -> reserve(root);
            case "debit" -> new TillRequest.Debit(paymentId(root), money(root, "amount"));
            case "cancel" -> new TillRequest.Cancel(paymentId(root),
                    root.hasNonNull("reason") ? text(root, "reason") : "TILL_CANCEL");
            case "refund" -> refund(root);
            case "status" -> status(root);
            default -> throw malformed(
                    "operation must be one of reserve, debit, cancel, refund, status; got \"" + operation + "\"");
        };
        return new Parsed(request, fingerprint(root));
    }

    /** The operation field when it can be read at all, to echo on an error reply. */
    public String operationOf(byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            JsonNode operation = root == null ? null : root.get("operation");
            return operation != null && operation.isTextual() ? operation.asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private TillRequest.Reserve reserve(JsonNode root) {
        StoreId store = valid("storeId", () -> new StoreId(text(root, "storeId")));
        TerminalId terminal = valid("terminalId", () -> new TerminalId(text(root, "terminalId")));
        JsonNode receipt = object(root, "receipt", "receipt");
        JsonNode card = object(root, "card", "card");
        // The card first: a full PAN is refused before anything else is said about the request.
        Card parsedCard = valid("card", () -> new Card(new CardHash(text(card, "hash", "card.hash")),
                new MaskedPan(text(card, "maskedPan", "card.maskedPan"))));
        ReceiptId receiptId = valid("receipt.id", () -> new ReceiptId(text(receipt, "id", "receipt.id")));
        Money total = money(receipt, "total", "receipt.total");
        JsonNode items = array(receipt, "items", "receipt.items");
        List<ReceiptLine> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "receipt.items[" + i + "]";
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                throw malformed(path + " must be an object");
            }
            int line = integer(item, "line", path + ".line");
            String code = text(item, "code", path + ".code");
            String name = text(item, "name", path + ".name");
            Money price = money(item, "price", path + ".price");
            BigDecimal quantity = number(item, "quantity", path + ".quantity");
            Money amount = money(item, "amount", path + ".amount");
            String category = item.hasNonNull("category") ? text(item, "category", path + ".category") : null;
            lines.add(valid(path, () -> new ReceiptLine(line, code, name, price, new Quantity(quantity), amount,
                    category)));
        }
        Receipt parsedReceipt = valid("receipt", () -> new Receipt(receiptId, total, lines));
        return new TillRequest.Reserve(store, terminal, parsedReceipt, parsedCard);
    }

    private TillRequest.Refund refund(JsonNode root) {
        PaymentId payment = paymentId(root);
        String refundReceiptId = text(root, "refundReceiptId");
        JsonNode items = array(root, "items", "items");
        List<SocialLine> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "items[" + i + "]";
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                throw malformed(path + " must be an object");
            }
            int line = integer(item, "line", path + ".line");
            Money amount = money(item, "amount", path + ".amount");
            lines.add(valid(path, () -> new SocialLine(line, amount)));
        }
        return new TillRequest.Refund(payment, refundReceiptId, lines);
    }

    private TillRequest.Status status(JsonNode root) {
        if (root.hasNonNull("paymentId")) {
            return new TillRequest.Status(paymentId(root), null, null);
        }
        if (root.hasNonNull("storeId") && root.hasNonNull("receiptId")) {
            return new TillRequest.Status(null, valid("storeId", () -> new StoreId(text(root, "storeId"))),
                    valid("receiptId", () -> new ReceiptId(text(root, "receiptId"))));
        }
        throw malformed("status needs paymentId, or storeId and receiptId");
    }

    private PaymentId paymentId(JsonNode root) {
        String value = text(root, "paymentId");
        try {
            return PaymentId.of(value);
        } catch (IllegalArgumentException e) {
            throw malformed("paymentId must be a UUID, got \"" + value + "\"");
        }
    }

    // --- field readers ---------------------------------------------------------------------

    private static JsonNode required(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw malformed(path + " is required");
        }
        return node;
    }

    private static String text(JsonNode parent, String field) {
        return text(parent, field, field);
    }

    private static String text(JsonNode parent, String field, String path) {
        JsonNode node = required(parent, field, path);
        if (!node.isTextual()) {
            throw malformed(path + " must be a string");
        }
        return node.asText();
    }

    private static JsonNode object(JsonNode parent, String field, String path) {
        JsonNode node = required(parent, field, path);
        if (!node.isObject()) {
            throw malformed(path + " must be an object");
        }
        return node;
    }

    private static JsonNode array(JsonNode parent, String field, String path) {
        JsonNode node = required(parent, field, path);
        if (!node.isArray()) {
            throw malformed(path + " must be an array");
        }
        return node;
    }

    private static int integer(JsonNode parent, String field, String path) {
        JsonNode node = required(parent, field, path);
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw malformed(path + " must be a whole number, got " + node);
        }
        return node.asInt();
    }

    private static Money money(JsonNode parent, String field) {
        return money(parent, field, field);
    }

    /** Money is integer kopecks: 89.9 is refused, never rounded. */
    private static Money money(JsonNode parent, String field, String path) {
        JsonNode node = required(parent, field, path);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw malformed(path + " must be a whole number of kopecks, got " + node);
        }
        long kopecks = node.asLong();
        if (kopecks < 0) {
            throw validation(path + " must not be negative, got " + kopecks);
        }
        return Money.kopecks(kopecks);
    }

    private static BigDecimal number(JsonNode parent, String field, String path) {
        JsonNode node = required(parent, field, path);
        if (!node.isNumber()) {
            throw malformed(path + " must be a number, got " + node);
        }
        return node.decimalValue();
    }

    /** Value objects refuse impossible values; their sentence is prefixed with the field. */
    private static <T> T valid(String path, Supplier<T> construct) {
        try {
            return construct.get();
        } catch (NullPointerException | IllegalArgumentException e) {
            throw validation(path + ": " + e.getMessage());
        }
    }

    /**
     * SHA-256 of the body's canonical JSON, as the mapper first made it (the tree converted to maps
     * and written back with keys sorted; fractions as the tree's BigDecimal), so that a repeat keeps
     * matching the hash recorded before: written here straight from the tree, which cost half as
     * much (TillRequestFingerprintProperties holds it to the mapper's way on arbitrary JSON).
     */
    private String fingerprint(JsonNode root) {
        try {
            StringWriter text = new StringWriter();
            try (JsonGenerator generator = json.getFactory().createGenerator(text)) {
                writeCanonical(generator, root);
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint a parsed request", e);
        }
    }

    /** The fingerprint of a body that is JSON, whatever its shape (for the property that checks the form). */
    String fingerprint(byte[] body) throws IOException {
        return fingerprint(json.readTree(body));
    }

    private static void writeCanonical(JsonGenerator generator, JsonNode node) throws IOException {
        if (node.isObject()) {
            generator.writeStartObject();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            for (String name : names) {
                generator.writeFieldName(name);
                writeCanonical(generator, node.get(name));
            }
            generator.writeEndObject();
        } else if (node.isArray()) {
            generator.writeStartArray();
            for (JsonNode element : node) {
                writeCanonical(generator, element);
            }
            generator.writeEndArray();
        } else if (node.isTextual()) {
            generator.writeString(node.textValue());
        } else if (node.isInt()) {
            generator.writeNumber(node.intValue());
        } else if (node.isLong()) {
            generator.writeNumber(node.longValue());
        } else if (node.isBigInteger()) {
            generator.writeNumber(node.bigIntegerValue());
        } else if (node.isNumber()) {
            generator.writeNumber(node.decimalValue());
        } else if (node.isBoolean()) {
            generator.writeBoolean(node.booleanValue());
        } else {
            generator.writeNull();
        }
    }

    private static TillRequestException malformed(String message) {
        return new TillRequestException(ErrorCode.MALFORMED, Redaction.maskCardNumbers(message));
    }

    private static TillRequestException validation(String message) {
        return new TillRequestException(ErrorCode.VALIDATION, Redaction.maskCardNumbers(message));
    }
}
