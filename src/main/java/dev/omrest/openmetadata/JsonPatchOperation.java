package dev.omrest.openmetadata;

/** One RFC 6902 operation; {@code add} sets a member whether or not it exists. */
public record JsonPatchOperation(String op, String path, Object value) {

    public static JsonPatchOperation set(String field, Object value) {
        return new JsonPatchOperation("add", "/" + field, value);
    }
}
