package dev.omrest.parse;

/** The fetched document is not a usable OpenAPI document; the message says why. */
public class SpecParseException extends RuntimeException {
    public SpecParseException(String message) {
        super(message);
    }
}
