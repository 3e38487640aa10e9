package dev.omrest.plan;

import dev.omrest.openmetadata.ChangeEvent;
import dev.omrest.openmetadata.ExistingEntity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which change events vouch for a re-stamped seal, and when its age alone sends a run to a listing. */
class ChangeWindowTest {
    private static final long T = 1_765_000_000_000L;
    private static final ExistingEntity CARRIER = new ExistingEntity("id", "svc.pets", null, "~seal", false, T, true);
    private static final ChangeEvent STAMP = new ChangeEvent("entityUpdated", "apiCollection", "svc.pets", T);

    @Test
    void eventsAreReadFromTheMarginBeforeTheStamp() {
        assertEquals(T - 600_000, ChangeWindow.since(CARRIER));
    }

    @Test
    void theStampAloneVouches() {
        assertNull(ChangeWindow.unexplained(List.of(STAMP), "svc", CARRIER));
        assertNull(ChangeWindow.unexplained(List.of(
                new ChangeEvent("entityUpdated", "apiEndpoint", "svc2.pets./x/get", T + 5),
                new ChangeEvent("entityCreated", "apiCollection", "other.svc.pets", T + 6),
                STAMP), "svc", CARRIER), "other services' events (a name that starts like this one's too) are not ours");
    }

    @Test
    void anyOtherEventOfTheServiceSendsTheRunToAListing() {
        for (ChangeEvent event : List.of(
                new ChangeEvent("entityUpdated", "apiEndpoint", "svc.pets./x/get", T + 1),
                new ChangeEvent("entitySoftDeleted", "apiEndpoint", "svc.pets./x/get", T + 1),
                new ChangeEvent("entityDeleted", "apiEndpoint", "svc.pets./x/get", T - 1),
                new ChangeEvent("entityRestored", "apiCollection", "svc.store", T + 1),
                new ChangeEvent("entityCreated", "apiEndpoint", "svc.pets./y/get", T - 300_000),
                new ChangeEvent("entityUpdated", "apiCollection", "svc.pets", T + 1),
                STAMP)) {
            assertEquals("1 change event(s) of the service's collections or endpoints since " + Instant.ofEpochMilli(T - 600_000),
                    ChangeWindow.unexplained(List.of(STAMP, event), "svc", CARRIER), event.toString());
        }
    }

    @Test
    void anEventThatNamesNoEntityCouldBeOurs() {
        assertEquals("1 change event(s) of the service's collections or endpoints since " + Instant.ofEpochMilli(T - 600_000),
                ChangeWindow.unexplained(List.of(STAMP, new ChangeEvent("entityUpdated", "apiEndpoint", "", T + 1)),
                        "svc", CARRIER));
        assertEquals("1 change event(s) of the service's collections or endpoints since " + Instant.ofEpochMilli(T - 600_000),
                ChangeWindow.unexplained(List.of(STAMP, new ChangeEvent("entityUpdated", "apiEndpoint", null, T + 1)),
                        "svc", CARRIER));
    }

    @Test
    void aCarrierChangedAfterItsStampIsNotVouchedFor() {
        assertNull(ChangeWindow.changedSinceStamp(CARRIER));
        assertEquals("the collection carrying the seal (svc.pets) was changed after the seal was stamped on it",
                ChangeWindow.changedSinceStamp(new ExistingEntity("id", "svc.pets", null, "~seal", false, T, false)));
        assertEquals("OpenMetadata lists no change description for the collection carrying the seal, so its last change "
                        + "cannot be told to be the stamp",
                ChangeWindow.changedSinceStamp(new ExistingEntity("id", "svc.pets", null, "~seal", false, T, null)));
    }

    @Test
    void aStampYoungerThanTheMarginIsNotStampedAgain() {
        assertEquals(true, ChangeWindow.tooRecentToStampAgain(CARRIER, Instant.ofEpochMilli(T).plus(Duration.ofMinutes(12))
                .minusMillis(1)), "12 minutes: past the margin and OpenMetadata's 10-minute edit session");
        assertEquals(false, ChangeWindow.tooRecentToStampAgain(CARRIER, Instant.ofEpochMilli(T).plus(Duration.ofMinutes(12))));
    }

    @Test
    void withoutTheStampsOwnEventNothingIsVouchedFor() {
        String missing = "the seal's own change event (svc.pets at " + Instant.ofEpochMilli(T)
                + ") is not among OpenMetadata's change events: purged, or not recorded";
        assertEquals(missing, ChangeWindow.unexplained(List.of(), "svc", CARRIER));
        assertEquals(missing, ChangeWindow.unexplained(List.of(new ChangeEvent("entityUpdated", "apiCollection", "svc.pets", T + 1)),
                "svc", CARRIER), "an event of the carrier at another time is not the stamp's");
        assertEquals(missing, ChangeWindow.unexplained(List.of(new ChangeEvent("entityCreated", "apiCollection", "svc.pets", T)),
                "svc", CARRIER), "nor one of another kind");
    }

    @Test
    void aServiceNameWithADotIsQuotedInItsEntitiesNames() {
        ExistingEntity carrier = new ExistingEntity("id", "\"a.b\".pets", null, "~seal", false, T, true);
        assertNull(ChangeWindow.unexplained(List.of(new ChangeEvent("entityUpdated", "apiCollection", "\"a.b\".pets", T)),
                "a.b", carrier));
        assertEquals("1 change event(s) of the service's collections or endpoints since " + Instant.ofEpochMilli(T - 600_000),
                ChangeWindow.unexplained(List.of(new ChangeEvent("entityUpdated", "apiCollection", "\"a.b\".pets", T),
                        new ChangeEvent("entityUpdated", "apiEndpoint", "\"a.b\".pets./x/get", T + 1)), "a.b", carrier));
    }

    @Test
    void aSealOlderThanTheMaximumAgeOrAheadOfTheClockIsListed() {
        Duration day = Duration.ofHours(24);
        assertNull(ChangeWindow.tooOld(CARRIER, Instant.ofEpochMilli(T).plus(day), day));
        assertEquals("the seal was stamped at " + Instant.ofEpochMilli(T) + ", longer ago than unchangedCheckMaxAgeHours (24 h)",
                ChangeWindow.tooOld(CARRIER, Instant.ofEpochMilli(T).plus(day).plusMillis(1), day));
        assertNull(ChangeWindow.aheadOfClock(CARRIER, Instant.ofEpochMilli(T).minus(ChangeWindow.MARGIN)),
                "a server clock a little ahead");
        assertEquals("the seal was stamped at " + Instant.ofEpochMilli(T) + ", later than this run's clock ("
                        + Instant.ofEpochMilli(T).minus(ChangeWindow.MARGIN).minusMillis(1) + ")",
                ChangeWindow.aheadOfClock(CARRIER, Instant.ofEpochMilli(T).minus(ChangeWindow.MARGIN).minusMillis(1)));
    }
}
