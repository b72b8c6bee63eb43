package io.zohosync.sandbox.crm;

import io.vertx.ext.web.Router;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.Operation;
import io.zohosync.sandbox.core.ProductPolicy;
import io.zohosync.sandbox.core.SandboxApi;
import io.zohosync.sandbox.core.SandboxContext;

/**
 * Zoho CRM v8 records of Contacts and Leads under {@code /crm/v8}: insert, update, upsert, get, list and search, with
 * CRM's result codes; the metadata SDKs read first (modules, fields, current user, org); CRM's error shape for any
 * other CRM URL.
 */
public final class CrmApi implements SandboxApi {
    public static final String PRODUCT = "crm";
    static final String ROOT = "/crm/v8/:module";

    @Override
    public void mount(Router router, SandboxContext context) {
        ApiRoutes routes = context.routes(router, new ProductPolicy(PRODUCT, null, CrmReplies.GUARD));
        CrmRecords records = new CrmRecords(context);
        CrmWrites writes = new CrmWrites(records);
        CrmSearch search = new CrmSearch(records);
        CrmMetadata metadata = new CrmMetadata(context, records);
        // before the record routes, whose :module would take "settings", "users" and "org" for a module
        routes.add(Operation.get("/crm/v8/settings/modules"), metadata::modules)
                .add(Operation.get("/crm/v8/settings/fields", "module", "type", "include"), metadata::fields)
                .add(Operation.get("/crm/v8/users", "type", "page", "per_page", "ids"), metadata::users)
                .add(Operation.get("/crm/v8/org"), metadata::org);
        routes.add(Operation.post(ROOT + "/upsert"), writes::upsert)
                .add(Operation.post(ROOT), writes::insert)
                .add(Operation.put(ROOT), writes::updateMany)
                .add(Operation.put(ROOT + "/:id"), writes::updateOne)
                .add(
                        Operation.get(
                                ROOT + "/search",
                                "criteria",
                                "email",
                                "phone",
                                "word",
                                "converted",
                                "approved",
                                "page",
                                "per_page",
                                "fields",
                                "cvid",
                                "type"),
                        search::search)
                .add(Operation.get(ROOT + "/:id", "fields"), search::get)
                .add(
                        Operation.get(
                                ROOT,
                                "fields",
                                "page",
                                "per_page",
                                "page_token",
                                "sort_by",
                                "sort_order",
                                "approved",
                                "converted",
                                "cvid",
                                "ids",
                                "uid",
                                "territory_id",
                                "include_child"),
                        search::list);
        // any other CRM URL: CRM's own error shape, as Zoho answers it
        router.route("/crm/*").handler(CrmMetadata::invalidUrl);
        // and CRM's shape for what fails outside a handler's answers (body too large, a crash)
        router.route("/crm/*").failureHandler(CrmReplies::failed);
    }
}
