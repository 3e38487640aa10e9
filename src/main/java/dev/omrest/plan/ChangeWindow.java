package dev.omrest.plan;

import dev.omrest.openmetadata.ChangeEvent;
import dev.omrest.openmetadata.ExistingEntity;
import dev.omrest.openmetadata.Fqn;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Whether OpenMetadata's change events vouch that nothing of the service changed since its seal was re-stamped
 * ({@link Seal#restamped}): the re-stamp's own event is there (so events since then were recorded and not purged), and
 * no other event of the service's collections or endpoints is. What events do not show (a hard delete carries its
 * entity's old time; recursive deletes and restores give their children none) changes the endpoint counts or the
 * collections, which the seal's second check covers. Events are recorded best-effort (asynchronously, a failure only
 * logged), so a seal older than the settings' maximum age is vouched for by a listing again.
 */
public final class ChangeWindow {
    /**
     * Events are read from this long before the re-stamp: a write that started before it may be recorded with its
     * entity's time some moments later, and the run that re-stamped listed the catalogue (seconds) before it stamped.
     */
    public static final Duration MARGIN = Duration.ofMinutes(10);
    /**
     * A stamp younger than this is not stamped again: more than the margin, and more than the 10 minutes within which
     * OpenMetadata merges one user's edits into one version (a change description that then lists the last stamp too).
     */
    static final Duration STAMP_AGAIN_AFTER = MARGIN.plusMinutes(2);
    /** A run re-stamps only when it listed the catalogue no longer than this before: the margin covers the gap. */
    public static final Duration LONGEST_LISTING_BEFORE_RESTAMP = MARGIN.dividedBy(2);

    private ChangeWindow() {
    }

    /** When to read events from for a seal re-stamped on this collection. */
    public static long since(ExistingEntity carrier) {
        return carrier.updatedAt() - MARGIN.toMillis();
    }

    /**
     * Why the stamp's time cannot be trusted, or null: a server clock this far ahead of the run's would make every
     * stamp look young (and stamping again would not help).
     */
    public static String aheadOfClock(ExistingEntity carrier, Instant now) {
        Instant stamped = Instant.ofEpochMilli(carrier.updatedAt());
        return stamped.isAfter(now.plus(MARGIN))
                ? "the seal was stamped at " + stamped + ", later than this run's clock (" + now + ")" : null;
    }

    /** Why the seal's age alone sends the run to a listing, or null when it is young enough to be vouched for by events. */
    public static String tooOld(ExistingEntity carrier, Instant now, Duration maxAge) {
        Instant stamped = Instant.ofEpochMilli(carrier.updatedAt());
        if (stamped.plus(maxAge).isBefore(now)) {
            return "the seal was stamped at " + stamped + ", longer ago than unchangedCheckMaxAgeHours ("
                    + maxAge.toHours() + " h)";
        }
        return null;
    }

    /**
     * Why the carrier's last change is not the stamp, or null when it is: anyone's later edit of that collection (a
     * description, a tag) would otherwise pass for the stamp, hide the events before it and restart the seal's age.
     */
    public static String changedSinceStamp(ExistingEntity carrier) {
        if (carrier.onlySourceHashChanged() == null) {
            return NO_CHANGE_DESCRIPTION;
        }
        return carrier.onlySourceHashChanged() ? null
                : "the collection carrying the seal (" + carrier.fqn() + ") was changed after the seal was stamped on it";
    }

    /** A server that lists no change description cannot show that a collection's last change was the stamp. */
    private static final String NO_CHANGE_DESCRIPTION = "OpenMetadata lists no change description for the collection "
            + "carrying the seal, so its last change cannot be told to be the stamp";

    /**
     * Whether a stamp made now would be no better than this one: it is younger than {@link #STAMP_AGAIN_AFTER}, so the
     * events before it that sent this run to a listing would be read by the next run again (a schedule more often than
     * the margin), and the server could merge the two stamps into one version.
     */
    public static boolean tooRecentToStampAgain(ExistingEntity carrier, Instant now) {
        return Instant.ofEpochMilli(carrier.updatedAt()).isAfter(now.minus(STAMP_AGAIN_AFTER));
    }

    /**
     * Why these events (read from {@link #since}) do not vouch for the service being as sealed, or null when they do.
     */
    public static String unexplained(List<ChangeEvent> events, String serviceName, ExistingEntity carrier) {
        String under = Fqn.build(serviceName) + ".";
        boolean stampSeen = false;
        int others = 0;
        for (ChangeEvent event : events) {
            // an event that names no entity may be one of ours: only another service's name rules it out
            if (event.fqn() != null && !event.fqn().isEmpty() && !event.fqn().startsWith(under)) {
                continue;
            }
            boolean stamp = carrier.fqn().equals(event.fqn()) && event.timestamp() == carrier.updatedAt()
                    && "entityUpdated".equals(event.eventType()) && "apiCollection".equals(event.entityType());
            if (stamp && !stampSeen) {
                stampSeen = true;
            } else {
                others++;
            }
        }
        if (!stampSeen) {
            return "the seal's own change event (" + carrier.fqn() + " at " + Instant.ofEpochMilli(carrier.updatedAt())
                    + ") is not among OpenMetadata's change events: purged, or not recorded";
        }
        if (others > 0) {
            return others + " change event(s) of the service's collections or endpoints since "
                    + Instant.ofEpochMilli(since(carrier));
        }
        return null;
    }
}
