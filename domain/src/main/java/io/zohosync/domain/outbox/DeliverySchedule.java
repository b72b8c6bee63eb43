package io.zohosync.domain.outbox;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a failed outbound webhook is tried again: the first attempt is immediate, attempt {@code n + 1} waits
 * {@code delays[n - 1]} after attempt {@code n} failed, and a message whose last attempt failed is dead. The standard
 * schedule is the Standard Webhooks specification's example cut where it passes a day: 5 s, 5 min, 30 min, 2 h, 5 h,
 * 10 h, 10 h — eight attempts over 27 h 35 min.
 */
public record DeliverySchedule(List<Duration> delays) {

    private static final Pattern DELAY = Pattern.compile("([0-9]{1,7})(ms|s|m|h)");

    public static final DeliverySchedule STANDARD = new DeliverySchedule(List.of(
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(10)));

    public DeliverySchedule {
        delays = List.copyOf(delays);
        if (delays.stream().anyMatch(d -> d.isNegative())) {
            throw new IllegalArgumentException("a delay cannot be negative");
        }
    }

    /** How many attempts a message gets before it is dead. */
    public int attempts() {
        return delays.size() + 1;
    }

    /** After attempt {@code attempt} (1 for the first) failed: the wait before the next, or empty when it is dead. */
    public Optional<Duration> afterFailed(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts are counted from 1");
        }
        return attempt <= delays.size() ? Optional.of(delays.get(attempt - 1)) : Optional.empty();
    }

    /** From the first attempt to the last. */
    public Duration span() {
        return delays.stream().reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * A schedule written as delays separated by commas, each a number and a unit ({@code ms}, {@code s}, {@code m},
     * {@code h}): {@code 5s,5m,30m,2h,5h,10h,10h}.
     */
    public static DeliverySchedule parse(String text) {
        List<Duration> delays = Arrays.stream(text.split(","))
                .map(String::trim)
                .map(DeliverySchedule::duration)
                .toList();
        return new DeliverySchedule(delays);
    }

    private static Duration duration(String text) {
        Matcher m = DELAY.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a delay such as 500ms, 5s, 30m or 2h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
