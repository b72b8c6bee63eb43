package io.zohosync.ports.out.zoho;

/**
 * A note or task the service adds to a CRM record ({@code parentId} of {@code parentModule}, Contacts or Leads): an
 * inquiry from someone already a contact, or from someone who already has a lead.
 */
public record CrmActivity(String platformId, String parentModule, String parentId, String title, String content) {

    /** On a contact. */
    public CrmActivity(String platformId, String contactId, String title, String content) {
        this(platformId, "Contacts", contactId, title, content);
    }

    /** The contact (or lead) it is added to. */
    public String contactId() {
        return parentId;
    }
}
