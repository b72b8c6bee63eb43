package io.zohosync.domain.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zohosync.domain.common.InvalidInput;
import org.junit.jupiter.api.Test;

class EntityTypeTest {

    @Test
    void money_runs_before_the_documents_it_settles_and_those_before_the_catalog_and_backfill() {
        assertThat(EntityType.PAYMENT.priority()).isLessThan(EntityType.INVOICE.priority());
        assertThat(EntityType.INVOICE.priority()).isLessThan(EntityType.CUSTOMER.priority());
        assertThat(EntityType.CUSTOMER.priority()).isLessThan(EntityType.STOCK.priority());
    }

    @Test
    void each_type_knows_what_must_be_in_zoho_before_it() {
        assertThat(EntityType.PAYMENT.prerequisites())
                .as("an order's invoice in Books, a manual invoice in Billing")
                .containsExactlyInAnyOrder(EntityType.CUSTOMER, EntityType.INVOICE, EntityType.MANUAL_INVOICE);
        assertThat(EntityType.MANUAL_INVOICE.prerequisites()).containsExactly(EntityType.CUSTOMER);
        assertThat(EntityType.INVOICE.prerequisites())
                .as("an order from an accepted quote waits for its estimate")
                .containsExactlyInAnyOrder(EntityType.CUSTOMER, EntityType.ITEM, EntityType.ESTIMATE);
        assertThat(EntityType.SUBSCRIPTION.prerequisites())
                .containsExactlyInAnyOrder(EntityType.CUSTOMER, EntityType.PLAN, EntityType.ADDON);
        assertThat(EntityType.CUSTOMER.prerequisites()).isEmpty();
        assertThat(EntityType.PAYMENT.dependsOn(EntityType.ITEM))
                .as("through the invoice")
                .isTrue();
        assertThat(EntityType.CUSTOMER.dependsOn(EntityType.PAYMENT)).isFalse();
    }

    @Test
    void no_type_depends_on_itself_through_any_chain() {
        for (EntityType type : EntityType.values()) {
            assertThat(type.dependsOn(type)).as(type.wire()).isFalse();
        }
    }

    @Test
    void wire_names_round_trip_and_an_unknown_one_is_named() {
        for (EntityType type : EntityType.values()) {
            assertThat(EntityType.fromWire(type.wire())).isEqualTo(type);
        }
        for (SyncTarget target : SyncTarget.values()) {
            assertThat(SyncTarget.fromWire(target.wire())).isEqualTo(target);
        }
    }

    @Test
    void a_key_reads_as_entity_and_target_and_needs_all_three() {
        SyncKey key = new EntityRef(EntityType.INVOICE, "inv-1").at(SyncTarget.BOOKS);
        assertThat(key).hasToString("invoice inv-1 → books");
        assertThat(key.entity()).isEqualTo(new EntityRef(EntityType.INVOICE, "inv-1"));
        assertThatThrownBy(() -> new SyncKey(EntityType.ITEM, " ", SyncTarget.BOOKS))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new SyncKey(null, "x", null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> EntityType.fromWire("contact")).hasMessage("unknown entity type 'contact'");
        assertThatThrownBy(() -> SyncTarget.fromWire("sheets")).hasMessage("unknown sync target 'sheets'");
    }
}
