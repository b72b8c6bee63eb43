package io.zohosync.sandbox.core;

import io.vertx.ext.web.Router;

/** A product the sandbox serves (Accounts, Books, Billing, CRM, Inventory): it adds its routes to the shared router. */
public interface SandboxApi {
    void mount(Router router, SandboxContext context);
}
