package dev.omrest.emulator;

/**
 * What the {@link Router} needs of an HTTP request: the raw (still percent-encoded) path and query, the body as text
 * (inflated when it came gzip-compressed) and the two headers that decide anything.
 */
record ApiRequest(String method, String rawPath, String rawQuery, String body, String authorization, String contentType) {
}
