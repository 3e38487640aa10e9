package dev.omrest.plan;

import dev.omrest.openmetadata.CurrentState;
import dev.omrest.openmetadata.ExistingEntity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * An order-independent digest of the service's entities as OpenMetadata lists them: the XOR of one MD5 per entity
 * over its kind, FQN, sourceHash and deletion flag. One entity can be taken out again in constant time.
 */
final class CatalogueDigest {
    private long high;
    private long low;

    static CatalogueDigest of(CurrentState current) {
        CatalogueDigest digest = new CatalogueDigest();
        current.collections().values().forEach(c -> digest.toggle(Kind.COLLECTION, c.fqn(), c.sourceHash(), c.deleted()));
        current.endpoints().values().forEach(e -> digest.toggle(Kind.ENDPOINT, e.fqn(), e.sourceHash(), e.deleted()));
        return digest;
    }

    enum Kind { COLLECTION, ENDPOINT }

    /** Adds the entity, or takes it out when it is in already. */
    CatalogueDigest toggle(Kind kind, String fqn, String sourceHash, boolean deleted) {
        MessageDigest md5 = InputKey.md5();
        md5.update((byte) kind.ordinal());
        md5.update(fqn.getBytes(StandardCharsets.UTF_8));
        md5.update((byte) 0);
        md5.update(sourceHash == null ? new byte[]{-1} : sourceHash.getBytes(StandardCharsets.UTF_8));
        md5.update((byte) 0);
        md5.update((byte) (deleted ? 1 : 0));
        ByteBuffer entry = ByteBuffer.wrap(md5.digest());
        high ^= entry.getLong();
        low ^= entry.getLong();
        return this;
    }

    CatalogueDigest copy() {
        CatalogueDigest copy = new CatalogueDigest();
        copy.high = high;
        copy.low = low;
        return copy;
    }

    String hex() {
        return HexFormat.of().formatHex(ByteBuffer.allocate(16).putLong(high).putLong(low).array());
    }
}
