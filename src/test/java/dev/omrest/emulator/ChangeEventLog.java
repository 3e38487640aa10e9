package dev.omrest.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The server's {@code change_event} table, in insertion order, with the two ways rows go missing on a real server: an
 * insert that fails (OpenMetadata writes the row asynchronously after the write committed, and a failure is only
 * logged) and the DataRetention app's purge.
 *
 * <p>Synchronized on itself, so tests can read it at any time; rows are inserted while the {@link EntityStore}'s lock is
 * held, so a snapshot taken under that lock sees the entities and their events as one database would.
 */
final class ChangeEventLog {
    private final List<ChangeEvent> rows = new ArrayList<>();
    /** Inserts still to fail ({@link OpenMetadataEmulator#loseNextChangeEvents}). */
    private int toLose;
    private int lost;

    synchronized void insert(ChangeEvent event) {
        if (toLose > 0) {
            toLose--;
            lost++;
            return;
        }
        rows.add(event);
    }

    synchronized List<ChangeEvent> rows() {
        return List.copyOf(rows);
    }

    synchronized void loseNext(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot lose " + n + " events");
        }
        toLose = n;
    }

    /** Inserts that failed so far. */
    synchronized int lost() {
        return lost;
    }

    /** Forgets the inserts still to fail (not the count of those that did). */
    synchronized void stopLosing() {
        toLose = 0;
    }

    /** DataRetention's {@code DELETE FROM change_event WHERE eventTime < :cutoff}; returns the rows deleted. */
    synchronized int purgeBefore(long cutoffMillis) {
        int before = rows.size();
        rows.removeIf(event -> event.timestamp() < cutoffMillis);
        return before - rows.size();
    }

    synchronized void clear() {
        rows.clear();
        lost = 0;
    }

    /** Replaces every row with {@code saved} (a backup's table). */
    synchronized void replaceWith(List<ChangeEvent> saved) {
        rows.clear();
        rows.addAll(saved);
    }
}
