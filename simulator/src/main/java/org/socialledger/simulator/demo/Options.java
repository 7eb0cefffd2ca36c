package org.socialledger.simulator.demo;

import java.util.HashMap;
import java.util.Map;

/** {@code --key=value} arguments, with environment variables (KEY_WITH_UNDERSCORES) as fallback. */
public final class Options {

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    public static Options parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("arguments are --key=value, got " + arg);
            }
            int equals = arg.indexOf('=');
            values.put(equals < 0 ? arg.substring(2) : arg.substring(2, equals),
                    equals < 0 ? "true" : arg.substring(equals + 1));
        }
        return new Options(values);
    }

    public String text(String key, String fallback) {
        String value = values.get(key);
        if (value == null) {
            value = System.getenv("LEDGER_DEMO_" + key.toUpperCase().replace('-', '_'));
        }
        return value != null ? value : fallback;
    }

    public int integer(String key, int fallback) {
        return Integer.parseInt(text(key, String.valueOf(fallback)));
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(text(key, "false"));
    }
}
