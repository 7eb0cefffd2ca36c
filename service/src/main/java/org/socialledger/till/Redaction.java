package org.socialledger.till;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks anything that looks like a card number in text we did not write ourselves (parser
 * messages, bodies we dead-letter), so a full PAN sent by mistake never reaches a log, a reply
 * or the dead-letter queue.
 */
final class Redaction {

    // 13-19 digits, optionally in groups separated by a space or a dash.
    private static final Pattern CARD_NUMBER = Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])");

    private Redaction() {
    }

    static String maskCardNumbers(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = CARD_NUMBER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String digits = matcher.group().replaceAll("[ -]", "");
            String masked = digits.substring(0, 6) + "*".repeat(digits.length() - 10)
                    + digits.substring(digits.length() - 4);
            matcher.appendReplacement(out, masked);
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
