package dev.omrest.plan;

import dev.omrest.openmetadata.CatalogueOutline;
import dev.omrest.openmetadata.CurrentState;
import dev.omrest.openmetadata.ExistingEntity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Comparator;
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
 * <p>A seal can also be checked without listing the endpoints ({@link #findOutlined}): a run that found it intact by
 * listing may <em>re-stamp</em> it on a collection ({@link #restamped}), adding a second check over what a cheap read
 * shows (the inputs, the other collections as listed, and the service's endpoint counts). What the cheap read cannot
 * see (an endpoint's edit) is left to OpenMetadata's change events since the re-stamp ({@link ChangeWindow}).
 *
 * <p>Layout (32 characters, the limit of {@code sourceHash}), in base 62 but for the hex prefix: {@code ~}; the first
 * {@value #PREFIX} hex digits of the carrier's own fingerprint (so a seal left on an entity by an earlier run still tells
 * whether its content changed); the stamp ({@code 0} when written by a run that wrote entities, which only a listing
 * may vouch for; 1 to z when re-stamped); {@value #CHECK} digits checking the inputs and every other entity;
 * {@value #CHECK} digits checking the inputs, the other collections and the endpoint counts ({@code 000000} unless
 * re-stamped); then the counts: collections the filters left out ({@value #COLLECTION_COUNT} digits), endpoints the
 * filters left out ({@value #ENDPOINT_COUNT}), collections that could not be mapped, endpoints that could not be mapped.
 */
public final class Seal {
    static final String MARK = "~";
    /** How many leading hex digits of the carrier's own fingerprint a seal keeps. */
    public static final int PREFIX = 8;
    static final int CHECK = 6;
    static final int COLLECTION_COUNT = 2;
    static final int ENDPOINT_COUNT = 3;
    static final int LENGTH = 1 + PREFIX + 1 + 2 * CHECK + 2 * (COLLECTION_COUNT + ENDPOINT_COUNT);
    private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    static final int MAX_COLLECTIONS = 62 * 62 - 1;
    static final int MAX_ENDPOINTS = 62 * 62 * 62 - 1;
    private static final long CHECK_RANGE = (long) Math.pow(62, CHECK);
    static final char LISTING_ONLY = '0';
    private static final String NO_QUICK_CHECK = "0".repeat(CHECK);
    private static final int STAMP_AT = 1 + PREFIX;
    private static final int CHECK_AT = STAMP_AT + 1;
    private static final int QUICK_AT = CHECK_AT + CHECK;
    private static final int COUNTS_AT = QUICK_AT + CHECK;

    private Seal() {
    }

    /**
     * What an intact seal vouches for: the live entities are exactly the spec's, what the filters left out, and what
     * could not be mapped.
     */
    public record Intact(int collections, int endpoints, Counts counts) {
    }

    /** A seal found by the cheap read, to be vouched for by the change events since its carrier was re-stamped. */
    public record Outlined(Intact intact, ExistingEntity carrier) {
    }

    /** A new seal for a live collection, the same content and the same vouching, only stamped anew. */
    public record Restamp(ExistingEntity carrier, String seal) {
    }

    /** What the sealing run's mapping left out: by the filters, and because it could not be mapped. */
    public record Counts(int filteredCollections, int filteredEndpoints, int failedCollections, int failedEndpoints) {
        public static final Counts NONE = new Counts(0, 0, 0, 0);

        boolean fit() {
            return filteredCollections <= MAX_COLLECTIONS && failedCollections <= MAX_COLLECTIONS
                    && filteredEndpoints <= MAX_ENDPOINTS && failedEndpoints <= MAX_ENDPOINTS;
        }

        String encoded() {
            return base62(filteredCollections, COLLECTION_COUNT) + base62(filteredEndpoints, ENDPOINT_COUNT)
                    + base62(failedCollections, COLLECTION_COUNT) + base62(failedEndpoints, ENDPOINT_COUNT);
        }

        static Counts decoded(String digits) {
            int[] widths = {COLLECTION_COUNT, ENDPOINT_COUNT, COLLECTION_COUNT, ENDPOINT_COUNT};
            int[] values = new int[widths.length];
            int at = 0;
            for (int i = 0; i < widths.length; i++) {
                for (int d = 0; d < widths[i]; d++) {
                    values[i] = values[i] * 62 + DIGITS.indexOf(digits.charAt(at++));
                }
            }
            return new Counts(values[0], values[1], values[2], values[3]);
        }
    }

    public static boolean isSeal(String sourceHash) {
        if (sourceHash == null || sourceHash.length() != LENGTH || !sourceHash.startsWith(MARK)) {
            return false;
        }
        for (int i = 1; i < LENGTH; i++) {
            char c = sourceHash.charAt(i);
            if (i < STAMP_AT ? !lowerHex(c) : DIGITS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
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
        return MARK + prefix + LISTING_ONLY + check(inputs, rest, prefix, encoded) + NO_QUICK_CHECK + encoded;
    }

    /** The seal among the listed entities that these inputs and the rest of the listing vouch for, if any. */
    public static Optional<Intact> find(CurrentState current, InputKey inputs) {
        return carrier(current, inputs).map(carrier -> intact(current, carrier.sourceHash()));
    }

    private static Optional<ExistingEntity> carrier(CurrentState current, InputKey inputs) {
        if (!current.serviceExists() || inputs == null) {
            return Optional.empty();
        }
        CatalogueDigest all = CatalogueDigest.of(current);
        for (ExistingEntity carrier : current.collections().values()) {
            if (intact(carrier, CatalogueDigest.Kind.COLLECTION, all, inputs)) {
                return Optional.of(carrier);
            }
        }
        for (ExistingEntity carrier : current.endpoints().values()) {
            if (intact(carrier, CatalogueDigest.Kind.ENDPOINT, all, inputs)) {
                return Optional.of(carrier);
            }
        }
        return Optional.empty();
    }

    /**
     * The seal, stamped anew, for the collection that should carry it from now on: its present carrier when that is a
     * collection, otherwise the first live collection with a fingerprint (an earlier seal left on an endpoint stays
     * and is covered like any other entity). Empty when no seal is intact or no collection can carry one.
     */
    public static Optional<Restamp> restamped(CurrentState current, InputKey inputs) {
        Optional<ExistingEntity> sealed = carrier(current, inputs);
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        Counts counts = Counts.decoded(sealed.get().sourceHash().substring(COUNTS_AT));
        Optional<ExistingEntity> carrier = current.collections().containsKey(sealed.get().fqn()) ? sealed
                : current.collections().values().stream()
                        .filter(c -> !c.deleted() && prefixOf(c.sourceHash()) != null)
                        .min(Comparator.comparing(ExistingEntity::fqn));
        return carrier.map(c -> new Restamp(c, restamp(c, current, inputs, counts)));
    }

    private static String restamp(ExistingEntity carrier, CurrentState current, InputKey inputs, Counts counts) {
        String prefix = prefixOf(carrier.sourceHash());
        String encoded = counts.encoded();
        CatalogueDigest rest = CatalogueDigest.of(current)
                .toggle(CatalogueDigest.Kind.COLLECTION, carrier.fqn(), carrier.sourceHash(), carrier.deleted());
        int deleted = (int) current.endpoints().values().stream().filter(ExistingEntity::deleted).count();
        String quick = quickCheck(inputs, otherCollections(current.collections().values(), carrier),
                current.endpoints().size(), deleted, prefix, encoded);
        return MARK + prefix + nextStamp(carrier.sourceHash()) + check(inputs, rest, prefix, encoded) + quick + encoded;
    }

    /**
     * The re-stamped seal on a collection that these inputs, the other collections and the endpoint counts vouch for,
     * if any. Only a re-stamped seal counts: a run that wrote entities sealed them before its own writes were over.
     */
    public static Optional<Outlined> findOutlined(CatalogueOutline outline, InputKey inputs) {
        if (!outline.serviceExists() || inputs == null) {
            return Optional.empty();
        }
        for (ExistingEntity carrier : outline.collections().values()) {
            String seal = carrier.sourceHash();
            if (carrier.deleted() || !isSeal(seal) || seal.charAt(STAMP_AT) == LISTING_ONLY) {
                continue;
            }
            String quick = quickCheck(inputs, otherCollections(outline.collections().values(), carrier),
                    outline.endpoints(), outline.deletedEndpoints(), seal.substring(1, STAMP_AT), seal.substring(COUNTS_AT));
            if (seal.substring(QUICK_AT, COUNTS_AT).equals(quick)) {
                int liveCollections = (int) outline.collections().values().stream().filter(c -> !c.deleted()).count();
                return Optional.of(new Outlined(new Intact(liveCollections,
                        outline.endpoints() - outline.deletedEndpoints(), Counts.decoded(seal.substring(COUNTS_AT))), carrier));
            }
        }
        return Optional.empty();
    }

    private static CatalogueDigest otherCollections(Iterable<ExistingEntity> collections, ExistingEntity carrier) {
        CatalogueDigest digest = new CatalogueDigest();
        for (ExistingEntity c : collections) {
            if (!c.fqn().equals(carrier.fqn())) {
                digest.toggle(CatalogueDigest.Kind.COLLECTION, c.fqn(), c.sourceHash(), c.deleted());
            }
        }
        return digest;
    }

    /** The hex digits of the content a listed collection has, sealed or not; null when it has no fingerprint of ours. */
    private static String prefixOf(String sourceHash) {
        if (isSeal(sourceHash)) {
            return sourceHash.substring(1, STAMP_AT);
        }
        boolean fingerprint = sourceHash != null && sourceHash.length() == 32
                && sourceHash.chars().allMatch(c -> lowerHex((char) c));
        return fingerprint ? sourceHash.substring(0, PREFIX) : null;
    }

    private static boolean lowerHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f';
    }

    /** Another stamp than the carrier's, so that the re-stamp changes the entity and OpenMetadata records it. */
    private static char nextStamp(String sourceHash) {
        int now = isSeal(sourceHash) ? DIGITS.indexOf(sourceHash.charAt(STAMP_AT)) : 0;
        return DIGITS.charAt(now % (DIGITS.length() - 1) + 1);
    }

    private static boolean intact(ExistingEntity carrier, CatalogueDigest.Kind kind, CatalogueDigest all, InputKey inputs) {
        String seal = carrier.sourceHash();
        if (carrier.deleted() || !isSeal(seal)) {
            return false;
        }
        CatalogueDigest rest = all.copy().toggle(kind, carrier.fqn(), seal, false);
        return seal.substring(CHECK_AT, QUICK_AT)
                .equals(check(inputs, rest, seal.substring(1, STAMP_AT), seal.substring(COUNTS_AT)));
    }

    private static Intact intact(CurrentState current, String seal) {
        return new Intact((int) current.collections().values().stream().filter(c -> !c.deleted()).count(),
                (int) current.endpoints().values().stream().filter(e -> !e.deleted()).count(),
                Counts.decoded(seal.substring(COUNTS_AT)));
    }

    private static String check(InputKey inputs, CatalogueDigest rest, String prefix, String counts) {
        return digits(inputs.hex() + rest.hex() + prefix + counts);
    }

    private static String quickCheck(InputKey inputs, CatalogueDigest collections, int endpoints, int deletedEndpoints,
                                     String prefix, String counts) {
        return digits("outline:" + inputs.hex() + collections.hex() + endpoints + "/" + deletedEndpoints + prefix + counts);
    }

    private static String digits(String material) {
        MessageDigest md5 = InputKey.md5();
        long bits = ByteBuffer.wrap(md5.digest(material.getBytes(StandardCharsets.US_ASCII))).getLong() >>> 1;
        return base62(bits % CHECK_RANGE, CHECK);
    }

    private static String base62(long value, int width) {
        char[] digits = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            digits[i] = DIGITS.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(digits);
    }
}
