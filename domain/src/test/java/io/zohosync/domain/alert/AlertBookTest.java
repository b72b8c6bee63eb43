package io.zohosync.domain.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.zohosync.domain.alert.Notice.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertBookTest {

    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    private static final Condition FAILED =
            new Condition("failed-syncs", AlertKind.FAILED_SYNCS, "3 syncs failed", "3 failed");
    private static final Condition RECONNECT =
            new Condition("reconnect-needed", AlertKind.RECONNECT_NEEDED, "connect again", "refused");

    private final AlertBook book = new AlertBook(Duration.ofMinutes(10));

    private List<Notice> round(List<Condition> holding, Instant now) {
        List<Notice> due = book.due(holding, now);
        due.forEach(book::sent);
        return due;
    }

    @Test
    void oneIncidentIsOneMessageHoweverManyRoundsItHolds() {
        assertThat(round(List.of(FAILED), T0)).singleElement().satisfies(n -> {
            assertThat(n.type()).isEqualTo(Type.OPENED);
            assertThat(n.openedAt()).isEqualTo(T0);
        });
        for (int minute = 1; minute <= 30; minute++) {
            assertThat(round(List.of(FAILED), T0.plusSeconds(60L * minute))).isEmpty();
        }
        assertThat(book.open()).containsExactly("failed-syncs");
    }

    @Test
    void resolvedOnceClearForTheQuietPeriodThenANewIncidentIsANewMessage() {
        round(List.of(FAILED), T0);
        assertThat(round(List.of(), T0.plusSeconds(60))).isEmpty();
        assertThat(round(List.of(), T0.plusSeconds(60 + 599))).isEmpty();
        List<Notice> resolved = round(List.of(), T0.plusSeconds(60 + 600));
        assertThat(resolved).singleElement().satisfies(n -> {
            assertThat(n.type()).isEqualTo(Type.RESOLVED);
            assertThat(n.openedAt()).isEqualTo(T0);
            assertThat(n.subject()).isEqualTo("[zoho-sync] Resolved: 3 syncs failed");
            assertThat(n.text()).contains("after 11 min");
        });
        assertThat(book.open()).isEmpty();
        Instant again = T0.plusSeconds(3600);
        assertThat(round(List.of(FAILED), again))
                .singleElement()
                .satisfies(n -> assertThat(n.openedAt()).isEqualTo(again));
    }

    @Test
    void aConditionThatComesAndGoesWithinTheQuietPeriodStaysOneIncident() {
        round(List.of(FAILED), T0);
        for (int minute = 1; minute <= 60; minute++) {
            List<Condition> flapping = minute % 3 == 0 ? List.of(FAILED) : List.of();
            assertThat(round(flapping, T0.plusSeconds(60L * minute))).isEmpty();
        }
        assertThat(round(List.of(), T0.plusSeconds(60L * 61))).isEmpty();
        assertThat(round(List.of(), T0.plusSeconds(60L * 71)))
                .singleElement()
                .satisfies(n -> assertThat(n.type()).isEqualTo(Type.RESOLVED));
    }

    @Test
    void aMessageNotDeliveredIsDueAgainAndOnlyOnceDelivered() {
        assertThat(book.due(List.of(FAILED), T0)).hasSize(1); // the channel failed: not marked sent
        List<Notice> retry = book.due(List.of(FAILED), T0.plusSeconds(60));
        assertThat(retry).singleElement().satisfies(n -> {
            assertThat(n.type()).isEqualTo(Type.OPENED);
            assertThat(n.openedAt()).isEqualTo(T0);
            assertThat(n.at()).isEqualTo(T0.plusSeconds(60));
        });
        retry.forEach(book::sent);
        assertThat(book.due(List.of(FAILED), T0.plusSeconds(120))).isEmpty();

        assertThat(book.due(List.of(), T0.plusSeconds(180))).isEmpty(); // clear from here on
        List<Notice> resolved = book.due(List.of(), T0.plusSeconds(3600));
        assertThat(resolved).singleElement().satisfies(n -> assertThat(n.type()).isEqualTo(Type.RESOLVED));
        // not delivered: due again, still once
        assertThat(book.due(List.of(), T0.plusSeconds(3660))).singleElement();
    }

    @Test
    void anIncidentNeverAnnouncedIsForgottenWhenItClears() {
        book.due(List.of(FAILED), T0); // delivery failed
        assertThat(book.due(List.of(), T0.plusSeconds(60))).isEmpty();
        assertThat(book.open()).isEmpty();
    }

    @Test
    void incidentsAreKeptApartAndTheLatestDetailIsWhatTheResolutionTells() {
        assertThat(round(List.of(FAILED, RECONNECT), T0))
                .extracting(n -> n.condition().key())
                .containsExactly("failed-syncs", "reconnect-needed");
        Condition more = new Condition("failed-syncs", AlertKind.FAILED_SYNCS, "9 syncs failed", "9 failed");
        assertThat(round(List.of(more), T0.plusSeconds(60))).isEmpty();
        assertThat(round(List.of(), T0.plusSeconds(60 * 2))).isEmpty();
        List<Notice> later = round(List.of(), T0.plusSeconds(60 * 20));
        assertThat(later).extracting(n -> n.condition().summary()).containsExactly("9 syncs failed", "connect again");
    }

    @Test
    void aSentNoticeOfAnEarlierIncidentChangesNothing() {
        List<Notice> first = book.due(List.of(FAILED), T0);
        first.forEach(book::sent);
        book.due(List.of(), T0.plusSeconds(60)).forEach(book::sent);
        List<Notice> resolved = book.due(List.of(), T0.plusSeconds(60 * 12));
        resolved.forEach(book::sent);
        Notice second = book.due(List.of(FAILED), T0.plusSeconds(60 * 20)).get(0);
        first.forEach(book::sent); // a late duplicate confirmation of the first incident
        assertThat(book.due(List.of(FAILED), T0.plusSeconds(60 * 21)))
                .containsExactly(new Notice(Type.OPENED, FAILED, second.openedAt(), T0.plusSeconds(60 * 21)));
    }

    @Test
    void withNoQuietPeriodAClearedIncidentResolvesAtOnce() {
        AlertBook eager = new AlertBook(Duration.ZERO);
        assertThat(eager.due(List.of(FAILED), T0.plusNanos(123_456_789)))
                .singleElement()
                .satisfies(n -> assertThat(n.text())
                        .isEqualTo("3 syncs failed\nSince 2026-11-30T08:00:00Z.\nSeen: 3 failed\n"));
        eager = new AlertBook(Duration.ZERO);
        eager.due(List.of(FAILED), T0).forEach(eager::sent);
        assertThat(eager.due(List.of(), T0.plusSeconds(1)))
                .singleElement()
                .satisfies(n -> assertThat(n.text())
                        .isEqualTo("3 syncs failed\nResolved at 2026-11-30T08:00:01Z,"
                                + " after 1 s (since 2026-11-30T08:00:00Z).\nLast seen: 3 failed\n"));
    }
}
