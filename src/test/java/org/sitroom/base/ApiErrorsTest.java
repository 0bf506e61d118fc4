package org.sitroom.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** What an API caller gets when something is not ready yet: a 503 that says when to retry, not a 500. */
class ApiErrorsTest {

    @Test
    void notReadyIsA503WithRetryAfter() {
        ResponseEntity<Map<String, String>> r = new ApiErrors()
                .unavailable(new ApiErrors.Unavailable("still being prepared", Duration.ofSeconds(15)));
        assertThat(r.getStatusCode().value()).isEqualTo(503);
        assertThat(r.getHeaders().getFirst("Retry-After")).isEqualTo("15");
        assertThat(r.getBody()).containsEntry("message", "still being prepared");
    }
}
