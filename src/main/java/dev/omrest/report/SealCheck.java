package dev.omrest.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How a run with {@code unchangedCheck: changeEvents} checked the catalogue's seal.
 *
 * @param by        {@code changeEvents} (the collections, two counts and the events since the seal were enough) or
 *                  {@code listing} (every endpoint was listed)
 * @param because   why the events could not vouch, when listed
 * @param restamped whether this run stamped the seal anew, so that the next run can check it by events
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SealCheck(String by, String because, Boolean restamped) {
    public static final String CHANGE_EVENTS = "changeEvents";
    public static final String LISTING = "listing";

    public static SealCheck byChangeEvents() {
        return new SealCheck(CHANGE_EVENTS, null, null);
    }

    public static SealCheck listed(String because) {
        return new SealCheck(LISTING, because, null);
    }

    public SealCheck restamped(boolean done) {
        return new SealCheck(by, because, done);
    }
}
