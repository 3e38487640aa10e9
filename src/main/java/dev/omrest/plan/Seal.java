package dev.omrest.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The mark a run leaves when it has brought the catalogue exactly to what its inputs ask for: the {@code sourceHash} of
 * one entity it writes becomes a seal instead of that entity's fingerprint. A later run whose inputs ({@link InputKey})
 * are the same finds the seal intact when the service's other entities are listed exactly as that run left them, and
 * can then skip parsing and mapping: planning would write and delete nothing.
 *
 * <p>Layout (32 characters, the limit of {@code sourceHash}): {@code ~}, the first {@value #PREFIX} hex digits of the
 * carrier's own fingerprint (so a seal left on an entity by an earlier run still tells whether its content changed),
 * {@value #CHECK} hex digits of the MD5 of inputs, the digest of every other entity, that prefix and the counts, and
 * the collections and endpoints the filters left out, {@value #COUNT} base-36 digits each.
 */
public final class Seal {
    static final String MARK = "~";
    static final int PREFIX = 12;
    static final int CHECK = 11;
    static final int COUNT = 4;
    static final int LENGTH = 1 + PREFIX + CHECK + 2 * COUNT;
    static final int MAX_COUNT = (int) Math.pow(36, COUNT) - 1;

    private Seal() {
    }

    /** What an intact seal vouches for: the live entities are exactly the spec's, and what the filters left out. */
    public record Intact(int collections, int endpoints, int filteredCollections, int filteredEndpoints) {
    }

    public static boolean isSeal(String sourceHash) {
        return sourceHash != null && sourceHash.length() == LENGTH && sourceHash.startsWith(MARK);
    }

    /** Whether an entity listed with this sourceHash has the content of this fingerprint (sealed or not). */
    static boolean sameContent(String sourceHash, String fingerprint) {
        return fingerprint.equals(sourceHash)
                || isSeal(sourceHash) && fingerprint.startsWith(sourceHash.substring(1, 1 + PREFIX));
    }

    static boolean countsFit(int filteredCollections, int filteredEndpoints) {
        return filteredCollections <= MAX_COUNT && filteredEndpoints <= MAX_COUNT;
    }

    /** @param rest the digest of every entity of the service but the carrier, as the run leaves them */
    static String of(InputKey inputs, CatalogueDigest rest, String fingerprint, int filteredCollections,
                     int filteredEndpoints) {
        String prefix = fingerprint.substring(0, PREFIX);
        String counts = count(filteredCollections) + count(filteredEndpoints);
        return MARK + prefix + check(inputs, rest, prefix, counts) + counts;
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
        String counts = seal.substring(1 + PREFIX + CHECK);
        return new Intact((int) current.collections().values().stream().filter(c -> !c.deleted()).count(),
                (int) current.endpoints().values().stream().filter(e -> !e.deleted()).count(),
                Integer.parseInt(counts.substring(0, COUNT), 36), Integer.parseInt(counts.substring(COUNT), 36));
    }

    private static String check(InputKey inputs, CatalogueDigest rest, String prefix, String counts) {
        MessageDigest md5 = InputKey.md5();
        md5.update((inputs.hex() + rest.hex() + prefix + counts).getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(md5.digest()).substring(0, CHECK);
    }

    private static String count(int value) {
        String digits = Integer.toString(value, 36).toLowerCase(Locale.ROOT);
        return "0".repeat(COUNT - digits.length()) + digits;
    }
}
