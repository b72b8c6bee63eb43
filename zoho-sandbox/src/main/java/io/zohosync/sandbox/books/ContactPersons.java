package io.zohosync.sandbox.books;

import io.vertx.core.json.JsonObject;

/** Books contact persons: the people (with the emails) inside a contact. */
final class ContactPersons {
  private ContactPersons() {}

  static JsonObject defaults() {
    return new JsonObject().put("salutation", "").put("first_name", "").put("last_name", "").put("email", "")
        .put("phone", "").put("mobile", "").put("designation", "").put("department", "").put("skype", "")
        .put("is_primary_contact", false).put("enable_portal", false);
  }
}
