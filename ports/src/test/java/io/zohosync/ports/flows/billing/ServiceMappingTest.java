package io.zohosync.ports.flows.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.subscription.Service;
import io.zohosync.domain.subscription.SubscriptionChange.Timing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceMappingTest {

    private final ServiceMapping mapping =
            new ServiceMapping(new CatalogNames(Map.of("fibre-50", "FIBRE-50"), Map.of("ip", "STATIC-IP")));

    @Test
    void a_service_reads_with_names_mapped_to_codes_and_writes_back_canonically() {
        Service service = mapping.read(
                "svc-1",
                Map.of(
                        "customer_id", "c-1",
                        "plan_code", "fibre-50",
                        "quantity", 2,
                        "addons", List.of(Map.of("addon_code", "ip", "quantity", 1)),
                        "status", "cancelled",
                        "starts_at", "2026-12-01"));

        assertThat(service.subscription().planCode()).isEqualTo("FIBRE-50");
        assertThat(service.subscription().addons().get(0).addonCode()).isEqualTo("STATIC-IP");
        assertThat(service.cancelAt())
                .as("cancelled defaults to the term's end")
                .isEqualTo(Timing.END_OF_TERM);
        assertThat(service.prorationOr(Timing.IMMEDIATELY)).isEqualTo(Timing.IMMEDIATELY);
        assertThat(mapping.write(service))
                .containsEntry("plan_code", "FIBRE-50")
                .containsEntry("quantity", 2)
                .containsEntry("status", "cancelled")
                .containsEntry("cancel_at", "end_of_term")
                .doesNotContainKey("proration");
        assertThat(mapping.read("svc-1", mapping.write(service))).isEqualTo(service);
    }

    @Test
    void every_broken_field_is_named_once() {
        assertThatThrownBy(() -> mapping.read(
                        "svc-1",
                        Map.of(
                                "quantity", 1.5,
                                "status", "active",
                                "cancel_at", "later",
                                "proration", "now",
                                "starts_at", "2026-13-01")))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors())
                                .extracting(InvalidInput.FieldError::field)
                                .containsExactlyInAnyOrder(
                                        "customer_id", "plan_code", "quantity", "cancel_at", "proration", "starts_at"));
        assertThatThrownBy(() ->
                        mapping.read("svc-1", Map.of("customer_id", "c", "plan_code", "P", "cancel_at", "immediately")))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors())
                                .extracting(InvalidInput.FieldError::field)
                                .containsExactlyInAnyOrder("status", "cancel_at"));
    }
}
