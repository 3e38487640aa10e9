package dev.omrest.openmetadata;

/** One RFC 6902 operation; {@code add} sets a member whether or not it exists. */
public record JsonPatchOperation(String op, String path, Object value) {

    /** Fails the whole patch unless the member is {@code value} now (RFC 6902 {@code test}): a write that assumed it. */
    public static JsonPatchOperation test(String field, Object value) {
        return new JsonPatchOperation("test", "/" + field, value);
    }

    public static JsonPatchOperation set(String field, Object value) {
        return new JsonPatchOperation("add", "/" + field, value);
    }
}
