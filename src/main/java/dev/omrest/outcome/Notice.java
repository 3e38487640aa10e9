package dev.omrest.outcome;

/** A warning or error about one entity (or about the run, when {@code entity} is null). */
public record Notice(String entity, String message) {
}
