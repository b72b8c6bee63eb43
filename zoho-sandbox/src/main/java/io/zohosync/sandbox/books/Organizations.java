package io.zohosync.sandbox.books;

import static io.zohosync.sandbox.books.BooksApi.ROOT;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.Ledger;
import io.zohosync.sandbox.core.Operation;
import io.zohosync.sandbox.core.ZohoReplies;

/** Books organizations: the single sandbox organization, found without an {@code organization_id} (that is how clients learn it). */
final class Organizations {
    private final Ledger ledger;

    Organizations(Ledger ledger) {
        this.ledger = ledger;
    }

    void mount(ApiRoutes routes) {
        routes.add(Operation.get(ROOT + "/organizations"), this::list)
                .add(Operation.get(ROOT + "/organizations/:organization_id"), this::get);
    }

    private void list(RoutingContext rc) {
        ZohoReplies.ok(rc, "success", "organizations", new JsonArray().add(organization()));
    }

    private void get(RoutingContext rc) {
        if (!ledger.context().settings().organizationId().equals(rc.pathParam("organization_id"))) {
            ZohoReplies.notFound(rc, "Organization");
            return;
        }
        ZohoReplies.ok(rc, "success", "organization", organization());
    }

    private JsonObject organization() {
        return new JsonObject()
                .put("organization_id", ledger.context().settings().organizationId())
                .put("name", "Zoho Sandbox Inc")
                .put("contact_name", "Sandbox Admin")
                .put("email", "admin@sandbox.invalid")
                .put("is_default_org", true)
                .put("plan_type", 0)
                .put("tax_group_enabled", true)
                .put("plan_name", "FREE")
                .put("plan_period", "")
                .put("language_code", "en")
                .put("fiscal_year_start_month", 0)
                .put("account_created_date", "2024-01-01")
                .put("account_created_date_formatted", "01/01/2024")
                .put("time_zone", "UTC")
                .put("is_org_active", true)
                .put("currency_id", "460000000000097")
                .put("currency_code", ledger.context().settings().baseCurrency())
                .put(
                        "currency_symbol",
                        java.util.Currency.getInstance(
                                        ledger.context().settings().baseCurrency())
                                .getSymbol(java.util.Locale.US))
                .put("currency_format", "###,##0.00")
                .put("price_precision", 2);
    }
}
