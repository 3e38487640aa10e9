package dev.omrest.report;

/** What a check of the OpenMetadata server found: a message when it passed, or the reason it failed. */
public record ServerCheck(boolean passed, String detail) {
}
