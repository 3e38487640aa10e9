package dev.omrest.source;

/** The document could not be obtained; the message says where and why, never with a credential in it. */
public class SpecFetchException extends RuntimeException {
    public SpecFetchException(String message) {
        super(message);
    }
}
