package dev.omrest.openmetadata;

/** One attempt's answer, whether it is worth asking again (429, 502, 503, 504, or no answer), and the server's Retry-After. */
record RetryableAnswer(ServerCalls.Answer answer, boolean retryable, long retryAfterMillis) {
}
