package dev.omrest.plan;

import dev.omrest.openmetadata.CurrentState;
import dev.omrest.openmetadata.ExistingEntity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * The mark a run leaves when it has brought the catalogue exactly to what its inputs ask for: the {@code sourceHash} of
 * one entity it writes becomes a seal instead of that entity's fingerprint. A later run whose inputs ({@link InputKey})
 * are the same finds the seal intact when the service's other entities are listed exactly as that run left them, and
 * can then skip parsing and mapping: planning would write and delete nothing.
 *
 * <p>A run whose spec has operations or tags that cannot be mapped (a name over the server's limit) seals too: mapping
 * is a function of the inputs, so the same inputs fail the same way, and the seal keeps how many did so that a run
 * that stops early reports them again.
 *
 * <p>Layout (32 characters, the limit of {@code sourceHash}): {@code ~}, the first {@value #PREFIX} hex digits of the
 * carrier's own fingerprint (so a seal left on an entity by an earlier run still tells whether its content changed),
 * {@value #CHECK} base-36 digits of the MD5 of inputs, the digest of every other entity, that prefix and the counts,
 * then the counts in base 36: collections the filters left out ({@value #COLLECTION_COUNT} digits), endpoints the
 * filters left out ({@value #ENDPOINT_COUNT}), collections that could not be mapped ({@value #COLLECTION_COUNT}),
 * endpoints that could not be mapped ({@value #ENDPOINT_COUNT}).
 */
public final class Seal {
    static final String MARK = "~";
    /** How many leading hex digits of the carrier's own fingerprint a seal keeps. */
    public static final int PREFIX = 9;
    static final int CHECK = 8;
    static final int COLLECTION_COUNT = 3;
    static final int ENDPOINT_COUNT = 4;
    static final int LENGTH = 1 + PREFIX + CHECK + 2 * (COLLECTION_COUNT + ENDPOINT_COUNT);
    static final int MAX_COLLECTIONS = 36 * 36 * 36 - 1;
    static final int MAX_ENDPOINTS = 36 * 36 * 36 * 36 - 1;
    private static final long CHECK_RANGE = (long) Math.pow(36, CHECK);

    private Seal() {
    }

    /**
     * What an intact seal vouches for: the live entities are exactly the spec's, what the filters left out, and what
     * could not be mapped.
     */
    public record Intact(int collections, int endpoints, Counts counts) {
    }

    /** What the sealing run's mapping left out: by the filters, and because it could not be mapped. */
    public record Counts(int filteredCollections, int filteredEndpoints, int failedCollections, int failedEndpoints) {
        public static final Counts NONE = new Counts(0, 0, 0, 0);

        boolean fit() {
            return filteredCollections <= MAX_COLLECTIONS && failedCollections <= MAX_COLLECTIONS
                    && filteredEndpoints <= MAX_ENDPOINTS && failedEndpoints <= MAX_ENDPOINTS;
        }

        String encoded() {
            return base36(filteredCollections, COLLECTION_COUNT) + base36(filteredEndpoints, ENDPOINT_COUNT)
                    + base36(failedCollections, COLLECTION_COUNT) + base36(failedEndpoints, ENDPOINT_COUNT);
        }

        static Counts decoded(String digits) {
            int[] widths = {COLLECTION_COUNT, ENDPOINT_COUNT, COLLECTION_COUNT, ENDPOINT_COUNT};
            int[] values = new int[widths.length];
            int at = 0;
            for (int i = 0; i < widths.length; i++) {
                values[i] = Integer.parseInt(digits.substring(at, at + widths[i]), 36);
                at += widths[i];
            }
            return new Counts(values[0], values[1], values[2], values[3]);
        }
    }

    public static boolean isSeal(String sourceHash) {
        return sourceHash != null && sourceHash.length() == LENGTH && sourceHash.startsWith(MARK);
    }

    /** Whether an entity listed with this sourceHash has the content of this fingerprint (sealed or not). */
    static boolean sameContent(String sourceHash, String fingerprint) {
        return fingerprint.equals(sourceHash)
                || isSeal(sourceHash) && fingerprint.startsWith(sourceHash.substring(1, 1 + PREFIX));
    }

    /** @param rest the digest of every entity of the service but the carrier, as the run leaves them */
    static String make(InputKey inputs, CatalogueDigest rest, String fingerprint, Counts counts) {
        String prefix = fingerprint.substring(0, PREFIX);
        String encoded = counts.encoded();
        return MARK + prefix + check(inputs, rest, prefix, encoded) + encoded;
    }

    /** The seal among the listed entities that these inputs and the rest of the listing vouch for, if any. */
    public static Optional<Intact> find(CurrentState current, InputKey inputs) {
        if (!current.serviceExists() || inputs == null) {
            return Optional.empty();
        }
        CatalogueDigest all = CatalogueDigest.of(current);
        for (ExistingEntity carrier : current.collections().values()) {
            if (intact(carrier, CatalogueDigest.Kind.COLLECTION, all, inputs)) {
                return Optional.of(intact(current, carrier.sourceHash()));
            }
        }
        for (ExistingEntity carrier : current.endpoints().values()) {
            if (intact(carrier, CatalogueDigest.Kind.ENDPOINT, all, inputs)) {
                return Optional.of(intact(current, carrier.sourceHash()));
            }
        }
        return Optional.empty();
    }

    private static boolean intact(ExistingEntity carrier, CatalogueDigest.Kind kind, CatalogueDigest all, InputKey inputs) {
        String seal = carrier.sourceHash();
        if (carrier.deleted() || !isSeal(seal)) {
            return false;
        }
        CatalogueDigest rest = all.copy().toggle(kind, carrier.fqn(), seal, false);
        String prefix = seal.substring(1, 1 + PREFIX);
        String counts = seal.substring(1 + PREFIX + CHECK);
        return seal.substring(1 + PREFIX, 1 + PREFIX + CHECK).equals(check(inputs, rest, prefix, counts));
    }

    private static Intact intact(CurrentState current, String seal) {
        return new Intact((int) current.collections().values().stream().filter(c -> !c.deleted()).count(),
                (int) current.endpoints().values().stream().filter(e -> !e.deleted()).count(),
                Counts.decoded(seal.substring(1 + PREFIX + CHECK)));
    }

    private static String check(InputKey inputs, CatalogueDigest rest, String prefix, String counts) {
        MessageDigest md5 = InputKey.md5();
        md5.update((inputs.hex() + rest.hex() + prefix + counts).getBytes(StandardCharsets.US_ASCII));
        long bits = ByteBuffer.wrap(md5.digest()).getLong() >>> 1;
        return base36(bits % CHECK_RANGE, CHECK);
    }

    private static String base36(long value, int width) {
        String digits = Long.toString(value, 36).toLowerCase(Locale.ROOT);
        return "0".repeat(width - digits.length()) + digits;
    }
}
