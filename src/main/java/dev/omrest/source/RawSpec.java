package dev.omrest.source;

/**
 * The document as fetched.
 *
 * @param origin    what the document is called in messages (URL without credentials, or file path)
 * @param mediaType the Content-Type the server gave (null for files), used for JSON/YAML sniffing
 * @param extension the file extension of a file or S3 key (lower-case, no dot), or null
 */
public record RawSpec(String origin, byte[] body, String mediaType, String extension) {
}
