package dev.omrest.config;

import java.time.Duration;

/**
 * How a scheduled run tells that nothing changed since the run that sealed the catalogue (README, "Unchanged re-runs").
 *
 * @param mode   null in a payload that does not say (the deployment's default then holds)
 * @param maxAge with change events: how long a seal is vouched for by events alone before a listing checks it again;
 *               null in a payload that does not say
 */
public record UnchangedCheck(Mode mode, Duration maxAge) {
    /** Events are purged after 7 days by default (OpenMetadata's DataRetention app): a day under it at most. */
    public static final int MAX_AGE_HOURS_LIMIT = 144;
    public static final UnchangedCheck LISTING = new UnchangedCheck(Mode.LISTING, Duration.ofHours(24));

    public enum Mode {
        /** List every endpoint: exact, at a cost that grows with the catalogue. */
        LISTING("listing"),
        /** Read the collections, two counts and the change events since the seal; a listing when they cannot tell. */
        CHANGE_EVENTS("changeEvents");

        private final String text;

        Mode(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        public static Mode fromText(String text) {
            for (Mode mode : values()) {
                if (mode.text.equals(text)) {
                    return mode;
                }
            }
            return null;
        }
    }

    /** What a payload said, over the deployment's default for what it did not. */
    public UnchangedCheck over(UnchangedCheck defaults) {
        return new UnchangedCheck(mode == null ? defaults.mode : mode, maxAge == null ? defaults.maxAge : maxAge);
    }

    public boolean byChangeEvents() {
        return mode == Mode.CHANGE_EVENTS;
    }
}
