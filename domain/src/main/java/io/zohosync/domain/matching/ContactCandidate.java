package io.zohosync.domain.matching;

import io.zohosync.domain.common.Checks;

/** Value: a Zoho contact a search returned, as the matcher sees it; {@code email} may be absent. */
public record ContactCandidate(String id, String name, String email) {

    public ContactCandidate {
        new Checks().required("id", id).throwIfAny();
    }

    /** "123 (Jane Doe, jane@x.com)" — how an admin reads a candidate. */
    public String describe() {
        return id + " (" + (name == null ? "no name" : name) + (email == null ? "" : ", " + email) + ")";
    }
}
