package dev.omrest.config;

import java.util.List;

/** The payload cannot drive a run; each problem names the field at fault. */
public class InvalidPayloadException extends RuntimeException {
    private final List<String> problems;

    public InvalidPayloadException(List<String> problems) {
        super("Invalid connection payload: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
