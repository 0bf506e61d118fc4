package org.sitroom.base;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors of the REST API as short JSON bodies: an unknown path is a 404, a malformed parameter a 400 that says
 * which one, anything else a 500 without internals. Never a stack trace or the UI's HTML.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiErrors {

    /** A client error with a message meant for the caller. */
    public static class BadRequest extends RuntimeException {
        public BadRequest(String message) {
            super(message);
        }
    }

    /** The requested thing does not exist. */
    public static class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** Not available yet (for instance still being prepared); the caller should retry after {@code retryAfter}. */
    public static class Unavailable extends RuntimeException {
        private final java.time.Duration retryAfter;

        public Unavailable(String message, java.time.Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        public java.time.Duration retryAfter() {
            return retryAfter;
        }
    }

    @ExceptionHandler(Unavailable.class)
    ResponseEntity<Map<String, String>> unavailable(Unavailable e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", String.valueOf(Math.max(1, e.retryAfter().toSeconds())))
                .body(Map.of("error", HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase(), "message", e.getMessage()));
    }

    @ExceptionHandler(BadRequest.class)
    ResponseEntity<Map<String, String>> badRequest(BadRequest e) {
        return body(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Map<String, String>> notFound(NotFound e) {
        return body(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, String>> typeMismatch(MethodArgumentTypeMismatchException e) {
        return body(HttpStatus.BAD_REQUEST, "parameter '" + e.getName() + "' has a malformed value");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, String>> missing(MissingServletRequestParameterException e) {
        return body(HttpStatus.BAD_REQUEST, "parameter '" + e.getParameterName() + "' is required");
    }

    static ResponseEntity<Map<String, String>> body(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", status.getReasonPhrase(), "message", message));
    }

    /** Any /api path no controller serves. */
    @RestController
    static class UnknownApiPath {
        @RequestMapping("/api/**")
        ResponseEntity<Map<String, String>> unknown(HttpServletRequest request) {
            return body(HttpStatus.NOT_FOUND, "no API endpoint at " + request.getRequestURI());
        }
    }
}
