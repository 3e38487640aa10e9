package dev.omrest.write;

import dev.omrest.outcome.Notice;

import java.util.List;

/** What the delete step marked deleted, and what it could not. */
public record Deleted(int collections, int endpoints, List<Notice> errors) {
    public static final Deleted NOTHING = new Deleted(0, 0, List.of());
}
