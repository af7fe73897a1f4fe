package io.autoconn.connectors;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads at most {@code limit} bytes of a response body, then cancels the rest: a check quotes only the
 * start of an error body, and must neither wait for nor buffer a large or endless one.
 */
final class BodyPrefixSubscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final int limit;
    private final ByteArrayOutputStream prefix = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    BodyPrefixSubscriber(int limit) {
        this.limit = limit;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (limit == 0) {
            finish();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            byte[] bytes = new byte[Math.min(buffer.remaining(), limit - prefix.size())];
            buffer.get(bytes);
            prefix.writeBytes(bytes);
        }
        if (prefix.size() >= limit) {
            finish();
        } else {
            subscription.request(1);
        }
    }

    /** A body broken off by the server still leaves the status, which is what the check reports. */
    @Override
    public void onError(Throwable failure) {
        body.complete(prefix.toByteArray());
    }

    @Override
    public void onComplete() {
        body.complete(prefix.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    private void finish() {
        subscription.cancel();
        body.complete(prefix.toByteArray());
    }
}
