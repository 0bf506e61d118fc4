package org.sitroom.ingest.format;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Pattern;

/** How a record's time field is written. Every parse either yields an instant or throws {@link DateTimeException}. */
public enum TimeFormat {
    /** Whichever of the formats below matches (epoch numbers: below 10^11 seconds, otherwise milliseconds). */
    AUTO,
    /** ISO-8601 with or without offset ({@code 2013-04-17T18:57:37Z}, {@code 2013-04-17 18:57:37} as UTC), or the basic form {@code 20260314T061500Z}. */
    ISO_8601,
    /** Seconds since the epoch, optionally with a fraction ({@code 1365000000.0} as Reddit writes it). */
    EPOCH_SECONDS,
    /** Milliseconds since the epoch. */
    EPOCH_MILLIS,
    /**
     * Twitter's {@code EEE MMM dd HH:mm:ss Z yyyy}, e.g. {@code Wed Apr 17 18:57:37 +0000 2013}. Blanks after the
     * colons ({@code 23: 59: 22}) are tolerated: real exports have them (23 rows of MediaEval 2016), and the time
     * they denote is unambiguous (it matches the tweets' snowflake ids).
     */
    TWITTER,
    /** RFC 1123 as in HTTP and RSS, e.g. {@code Wed, 17 Apr 2013 18:57:37 GMT}. */
    RFC_1123,
    /** The field is a Twitter snowflake id; its time is {@code (id >> 22) + 1288834974657} ms since the epoch. */
    TWITTER_SNOWFLAKE;

    /** Twitter's epoch for snowflake ids (2010-11-04T01:42:54.657Z). */
    static final long TWITTER_EPOCH_MILLIS = 1288834974657L;
    /** Tweet ids up to here were sequential, not snowflakes: they carry no time. */
    static final long LAST_PRE_SNOWFLAKE_ID = 29_999_999_999L;

    private static final DateTimeFormatter TWITTER_FORMATTER =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter ISO_BASIC = new DateTimeFormatterBuilder()
            .appendPattern("uuuuMMdd'T'HHmmss").optionalStart().appendOffsetId().optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter ISO_SPACE = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .optionalStart().appendLiteral(' ').appendOffsetId().optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,19}");
    private static final Pattern BLANKS_AFTER_COLON = Pattern.compile(":\\s+");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,15}\\.\\d{1,9}");

    /** Parses {@code auto}, {@code iso-8601}, {@code epoch-seconds}, {@code epoch-millis}, {@code twitter}, {@code rfc-1123}, {@code twitter-snowflake}. */
    public static TimeFormat named(String name) {
        String key = name.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return switch (key) {
            case "ISO", "ISO8601" -> ISO_8601;
            case "EPOCH", "SECONDS", "UNIX" -> EPOCH_SECONDS;
            case "MILLIS" -> EPOCH_MILLIS;
            case "SNOWFLAKE" -> TWITTER_SNOWFLAKE;
            default -> {
                try {
                    yield valueOf(key);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown time format '" + name + "' (expected auto, iso-8601, "
                            + "epoch-seconds, epoch-millis, twitter, rfc-1123 or twitter-snowflake)");
                }
            }
        };
    }

    /** The instant the text denotes. */
    public Instant parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new DateTimeException("empty time");
        }
        try {
            return switch (this) {
                case AUTO -> auto(s);
                case ISO_8601 -> iso(s);
                case EPOCH_SECONDS -> epochSeconds(s);
                case EPOCH_MILLIS -> Instant.ofEpochMilli(Long.parseLong(s));
                case TWITTER -> twitter(s);
                case RFC_1123 -> OffsetDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                case TWITTER_SNOWFLAKE -> snowflake(s);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new DateTimeException("not a number in range");
        }
    }

    private static Instant auto(String s) {
        if (INTEGER.matcher(s).matches()) {
            long n = Long.parseLong(s);
            return Math.abs(n) < 100_000_000_000L ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n);
        }
        if (DECIMAL.matcher(s).matches()) {
            return epochSeconds(s);
        }
        char first = s.charAt(0);
        if (Character.isDigit(first)) {
            return iso(s);
        }
        if (s.length() > 3 && s.charAt(3) == ',') {
            return OffsetDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        }
        return twitter(s);
    }

    private static Instant twitter(String s) {
        return OffsetDateTime.parse(BLANKS_AFTER_COLON.matcher(s).replaceAll(":"), TWITTER_FORMATTER).toInstant();
    }

    private static Instant iso(String s) {
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            // fall through to the zone-less and basic forms
        }
        try {
            return LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // next
        }
        for (DateTimeFormatter f : new DateTimeFormatter[] {ISO_SPACE, ISO_BASIC}) {
            try {
                var parsed = f.parse(s);
                LocalDateTime local = LocalDateTime.from(parsed);
                ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                        ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)) : ZoneOffset.UTC;
                return local.toInstant(offset);
            } catch (DateTimeException e) {
                // next
            }
        }
        return LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static Instant epochSeconds(String s) {
        BigDecimal seconds = new BigDecimal(s);
        BigDecimal nanos = seconds.remainder(BigDecimal.ONE).movePointRight(9);
        return Instant.ofEpochSecond(seconds.longValue(), nanos.longValueExact());
    }

    private static Instant snowflake(String s) {
        long id = Long.parseLong(s);
        if (id <= LAST_PRE_SNOWFLAKE_ID) {
            throw new DateTimeException("id " + s + " is not a snowflake id (issued before November 2010)");
        }
        return Instant.ofEpochMilli((id >> 22) + TWITTER_EPOCH_MILLIS);
    }
}
