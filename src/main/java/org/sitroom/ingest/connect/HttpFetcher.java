package org.sitroom.ingest.connect;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET with the etiquette every connector needs: a User-Agent, timeouts, retries with exponential backoff and
 * jitter after I/O errors and 5xx, {@code Retry-After} honoured on 429 and 503, a bounded body, and a credential
 * that only ever goes into its header (messages and logs are scrubbed of it besides).
 */
final class HttpFetcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpFetcher.class);

    /** A response worth handing to the connector: 2xx or 304. */
    record Response(int status, HttpHeaders headers, byte[] body, URI uri) {
        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String sourceId;
    private final HttpSettings settings;
    private final HttpClient client;

    HttpFetcher(String sourceId, HttpSettings settings) {
        this.sourceId = sourceId;
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    HttpSettings settings() {
        return settings;
    }

    /** The base URL with this path (and query) appended, keeping any path the base URL has. */
    URI resolve(String pathAndQuery) {
        String base = settings.baseUri().toString();
        if (base.endsWith("/") && pathAndQuery.startsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        try {
            return new URI(base + pathAndQuery);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad URL " + base + pathAndQuery, e);
        }
    }

    /** GETs {@code uri}, retrying as the policy says; 2xx and 304 come back, everything else is a failed fetch. */
    Response get(URI uri, Map<String, String> headers) throws FetchException {
        RetryPolicy retry = settings.retry();
        String what = "GET " + describe(uri);
        String lastProblem = null;
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            try {
                HttpResponse<byte[]> response = send(uri, headers);
                int status = response.statusCode();
                byte[] body = response.body() == null ? new byte[0] : response.body();
                if ((status >= 200 && status < 300) || status == 304) {
                    return new Response(status, response.headers(), body, uri);
                }
                lastProblem = "HTTP " + status + snippet(body);
                if (status == 429 || status >= 500) {
                    Optional<Duration> retryAfter = (status == 429 || status == 503)
                            ? retryAfter(response.headers()) : Optional.empty();
                    if (retryAfter.isPresent() && retryAfter.get().compareTo(retry.maxRetryAfter()) > 0) {
                        throw new FetchException(redact(what + " failed: " + lastProblem + "; the server asks to wait "
                                + retryAfter.get().toSeconds() + " s (Retry-After)"), retryAfter.get(), null);
                    }
                    int failed = attempt;
                    wait = retryAfter.orElseGet(() -> retry.backoff(failed, settings.random()));
                } else {
                    throw new FetchException(redact(what + " failed: " + lastProblem + hint(status)));
                }
            } catch (IOException e) {
                lastProblem = "I/O error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                wait = retry.backoff(attempt, settings.random());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FetchException(redact(what + " interrupted"));
            }
            if (attempt >= retry.maxAttempts()) {
                throw new FetchException(redact(what + " failed after " + attempt + " attempt"
                        + (attempt > 1 ? "s" : "") + ": " + lastProblem));
            }
            log.warn("Source {}: {} failed ({}); retry {} of {} in {} ms", sourceId, redact(what), redact(lastProblem),
                    attempt, retry.maxAttempts() - 1, wait.toMillis());
            try {
                settings.sleeper().sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FetchException(redact(what + " interrupted while waiting to retry"));
            }
        }
    }

    private HttpRequest request(URI uri, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("User-Agent", settings.userAgent())
                .GET();
        headers.forEach(builder::header);
        Credential credential = settings.credential();
        if (credential != null) {
            builder.header(credential.headerName(), credential.headerValue());
        }
        return builder.build();
    }

    /**
     * One exchange under one deadline for headers and body together: the request timeout alone only bounds the
     * wait for headers, and a server that stalls mid-body would otherwise hold the fetch forever.
     */
    private HttpResponse<byte[]> send(URI uri, Map<String, String> headers)
            throws IOException, InterruptedException, FetchException {
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request(uri, headers),
                HttpResponse.BodyHandlers.limiting(HttpResponse.BodyHandlers.ofByteArray(), settings.maxBodyBytes()));
        try {
            return future.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete response within " + settings.requestTimeout().toSeconds()
                    + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io && String.valueOf(io.getMessage()).contains("exceeds capacity")) {
                throw new FetchException(redact("GET " + describe(uri) + ": response body larger than "
                        + settings.maxBodyBytes() + " bytes"));
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause == null ? "failed" : cause.toString(), cause);
        }
    }

    /** The wait a {@code Retry-After} header asks for: delta-seconds or an HTTP-date. */
    Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::strip);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.get();
        if (v.chars().allMatch(Character::isDigit) && !v.isEmpty() && v.length() < 10) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(settings.clock().instant(), at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            log.warn("Source {}: ignoring unreadable Retry-After '{}'", sourceId, v);
            return Optional.empty();
        }
    }

    private static String hint(int status) {
        return switch (status) {
            case 401 -> " (the credential is missing, wrong or expired)";
            case 403 -> " (the credential lacks the right, or the service refuses this client)";
            case 404 -> " (check the base URL and the query)";
            default -> "";
        };
    }

    private static String snippet(byte[] body) {
        if (body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8).strip()
                .replaceAll("\\s+", " ");
        return text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 197) + "..." : text);
    }

    /** The URL without user info (never a place for secrets, but some configure it so). */
    static String describe(URI uri) {
        if (uri.getUserInfo() == null) {
            return uri.toString();
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    String redact(String text) {
        Credential credential = settings.credential();
        return credential == null ? text : credential.redact(text);
    }

    @Override
    public void close() {
        client.close();
    }
}
