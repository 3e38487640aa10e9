package dev.omrest.config;

/** A credential whose text never reaches a log line, a report or an exception message. */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null || value.isBlank() ? null : new Secret(value);
    }

    public String reveal() {
        return value;
    }

    /**
     * Whether the text can go into an HTTP header value as it is: no control character but tab (RFC 9110 field values).
     * HTTP clients refuse anything else with a message that quotes the whole value.
     */
    public static boolean isHeaderSafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "****";
    }
}
