package dev.omrest.source;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a cap ({@link BodyCap}): past it the exchange is cancelled (the connection
 * dropped) and the body fails with the cap's exception. A cap of 0 reads nothing at all (redirects and errors, whose
 * bodies are not used).
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final BodyCap cap;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream out;
    private Flow.Subscription subscription;
    private long total;

    private CappedBody(BodyCap cap, long declared) {
        this.cap = cap;
        // a declared length is a hint, not a promise: at most 1 MiB is set aside before the bytes arrive
        this.out = new ByteArrayOutputStream((int) Math.min(declared > 0 ? declared : 64 * 1024, Math.min(cap.maxBytes(), 1024 * 1024)));
    }

    /** A handler that reads the body of a 200 answer up to the cap and no other answer's body. */
    static HttpResponse.BodyHandler<byte[]> handler(BodyCap cap) {
        return info -> {
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (info.statusCode() != 200) {
                return unread(cap);
            }
            if (!cap.fits(declared)) {
                return failing(cap);
            }
            return new CappedBody(cap, declared);
        };
    }

    private static HttpResponse.BodySubscriber<byte[]> failing(BodyCap cap) {
        CappedBody body = unread(cap);
        body.result.completeExceptionally(cap.exceeded());
        return body;
    }

    /** A body not read at all: a cap of 0 cancels the exchange as soon as it is subscribed. */
    private static CappedBody unread(BodyCap cap) {
        return new CappedBody(new BodyCap(0, cap.tooLarge()), 0);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (cap.maxBytes() == 0 || result.isDone()) {
            subscription.cancel();
            result.complete(new byte[0]);
        } else {
            subscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            total += buffer.remaining();
            if (!cap.fits(total)) {
                subscription.cancel();
                result.completeExceptionally(cap.exceeded());
                return;
            }
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            out.write(bytes, 0, bytes.length);
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(out.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }
}
