package io.zohosync.sandbox.crm;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.Operation;
import io.zohosync.sandbox.core.ProductPolicy;
import io.zohosync.sandbox.core.SandboxApi;
import io.zohosync.sandbox.core.SandboxContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Zoho CRM v8 records of Contacts and Leads under {@code /crm/v8}: insert, update, upsert, get, list, search and
 * delete (one, or up to 100 by {@code ids}) with the recycle bin's list of deleted records, with CRM's result codes; the
 * metadata SDKs read first (modules, fields, current user, org); CRM's error shape for any other CRM request: 405
 * {@code INVALID_REQUEST_METHOD} for a method not served on a URL it serves (PATCH, or POST on a record), 404
 * {@code INVALID_URL_PATTERN} for any other URL.
 */
public final class CrmApi implements SandboxApi {
    public static final String PRODUCT = "crm";
    static final String ROOT = "/crm/v8/:module";

    @Override
    public void mount(Router router, SandboxContext context) {
        Served routes = new Served(
                context.routes(router, new ProductPolicy(PRODUCT, null, CrmReplies.GUARD)), new ArrayList<>());
        CrmRecords records = new CrmRecords(context);
        CrmWrites writes = new CrmWrites(records);
        CrmSearch search = new CrmSearch(records);
        CrmDeletes deletes = new CrmDeletes(records);
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
                .add(Operation.delete(ROOT, "ids", "wf_trigger"), deletes::deleteMany)
                .add(Operation.delete(ROOT + "/:id", "wf_trigger"), deletes::deleteOne)
                // before the record read, whose :id would take "deleted"
                .add(Operation.get(ROOT + "/deleted", "type", "page", "per_page"), deletes::listDeleted)
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
        // any other CRM request: CRM's own error shape, as Zoho answers it
        router.route("/crm/*").handler(rc -> unserved(rc, routes.operations()));
        // and CRM's shape for what fails outside a handler's answers (body too large, a crash)
        router.route("/crm/*").failureHandler(CrmReplies::failed);
    }

    /** The CRM operations registered, kept to tell a wrong method on a served URL from a URL CRM does not serve. */
    private record Served(ApiRoutes routes, List<Operation> operations) {
        Served add(Operation operation, Handler<RoutingContext> handler) {
            routes.add(operation, handler);
            operations.add(operation);
            return this;
        }
    }

    /**
     * A CRM request no operation took: 405 {@code INVALID_REQUEST_METHOD} (with {@code Allow}) when an operation serves
     * its URL under another method, else 404 {@code INVALID_URL_PATTERN}. Neither needs a token (UNCONFIRMED whether
     * Zoho checks the token first).
     */
    private static void unserved(RoutingContext rc, List<Operation> operations) {
        String path = rc.request().path();
        Set<String> allowed = new TreeSet<>();
        for (Operation operation : operations) {
            if (pattern(operation.path()).matcher(path).matches())
                allowed.add(operation.method().name());
        }
        if (allowed.isEmpty()) {
            CrmMetadata.invalidUrl(rc);
            return;
        }
        rc.response().putHeader("Allow", String.join(", ", allowed));
        CrmReplies.send(
                rc, 405, "INVALID_REQUEST_METHOD", "The http request method type is not a valid one", new JsonObject());
    }

    /** A Vert.x route path ({@code /crm/v8/:module/:id}) as a pattern matching the URLs it takes. */
    private static Pattern pattern(String routePath) {
        StringBuilder regex = new StringBuilder();
        for (String segment : routePath.substring(1).split("/")) {
            regex.append('/').append(segment.startsWith(":") ? "[^/]+" : Pattern.quote(segment));
        }
        return Pattern.compile(regex.toString());
    }
}
